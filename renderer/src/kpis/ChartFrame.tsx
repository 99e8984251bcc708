import { Button, Group, Paper, Text, Title, VisuallyHidden } from '@mantine/core';
import { useRef } from 'react';
import type { ReactNode } from 'react';
import { useToasts } from '../feedback/toast-context.tsx';
import { chartPng } from './chart-image.ts';
import { downloadUrl } from './download.ts';
import classes from './kpis.module.css';

export interface ChartColumn<Row> {
  readonly label: string;
  readonly value: (row: Row) => string;
}

interface ChartFrameProps<Row> {
  readonly title: string;
  /** What the chart shows, in a supervisor's words (its definition). */
  readonly description: string;
  readonly rows: readonly Row[];
  readonly columns: readonly ChartColumn<Row>[];
  /** Said instead of the chart when it would be empty. */
  readonly empty: string | null;
  readonly children: ReactNode;
}

/**
 * One chart with its title and definition, and the same rows as a table for screen readers: the chart itself
 * is hidden from them, the table says what it shows.
 */
export function ChartFrame<Row>(props: ChartFrameProps<Row>) {
  const id = `chart-${props.title.replace(/\W+/g, '-').toLowerCase()}`;
  const chart = useRef<HTMLDivElement>(null);
  const toasts = useToasts();
  const savePng = async () => {
    if (!chart.current) return;
    try {
      downloadUrl(`${id.slice('chart-'.length)}.png`, await chartPng(chart.current));
    } catch (error) {
      toasts.show({ kind: 'error', title: 'The chart could not be saved as an image', message: String(error) });
    }
  };
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Title order={3} size="h5" id={id}>
          {props.title}
        </Title>
        {props.empty ? null : (
          <Button
            variant="subtle"
            size="compact-xs"
            className={classes.noPrint}
            aria-label={`Save the chart ${props.title} as a PNG image`}
            onClick={() => void savePng()}
          >
            PNG
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {props.description}
      </Text>
      {props.empty ? (
        <Text size="sm" c="dimmed" py="lg" ta="center">
          {props.empty}
        </Text>
      ) : (
        <>
          <div aria-hidden="true" data-testid={id} ref={chart}>
            {props.children}
          </div>
          <VisuallyHidden>
            <table>
              <caption>{props.title}</caption>
              <thead>
                <tr>
                  {props.columns.map((column) => (
                    <th key={column.label} scope="col">
                      {column.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.rows.map((row, i) => (
                  <tr key={i}>
                    {props.columns.map((column) => (
                      <td key={column.label}>{column.value(row)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </VisuallyHidden>
        </>
      )}
    </Paper>
  );
}
