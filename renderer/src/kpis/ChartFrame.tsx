import { Paper, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

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
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id}>
        {props.title}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {props.description}
      </Text>
      {props.empty ? (
        <Text size="sm" c="dimmed" py="lg" ta="center">
          {props.empty}
        </Text>
      ) : (
        <>
          <div aria-hidden="true" data-testid={id}>
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
