import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { channel, priorityLabel } from '#shared/domain/enums.ts';
import type { Channel, Priority } from '#shared/domain/enums.ts';
import type { GoalKpi } from '#shared/domain/goals.ts';
import type { KpiReport } from '#shared/domain/kpi-answer.ts';
import type { DrillFigure, KpiDrill, KpiFilters, KpiSlice } from '#shared/domain/kpi-query.ts';
import { useReference } from '../api/reference-context.tsx';
import type { ReferenceIndex } from '../api/reference-index.ts';
import { useSignedInAgent } from '../api/session-context.tsx';
import { useDeskCommand } from '../api/use-desk-command.ts';
import { useDeskQuery } from '../api/use-desk-query.ts';
import { describeError } from '../feedback/describe-error.ts';
import { downloadText } from './download.ts';
import { GoalDialog } from './GoalDialog.tsx';
import { KpiCards } from './KpiCards.tsx';
import { kpiCards } from './kpi-cards.ts';
import type { KpiCard } from './kpi-cards.ts';
import { KpiCharts } from './KpiCharts.tsx';
import { drillFor, kpiAsk } from './kpi-choice.ts';
import type { KpiAsk, KpiChoice } from './kpi-choice.ts';
import { KpiControls } from './KpiControls.tsx';
import { filtersText, kpiCsv } from './kpi-csv.ts';
import { KpiTable } from './KpiTable.tsx';
import classes from './kpis.module.css';

interface KpiScreenProps {
  /** Kept by the shell, so coming back from a drill-down finds the same period and filters. */
  readonly choice: KpiChoice;
  onChoice(choice: KpiChoice): void;
  /** Opens the queue on exactly the incidents behind a figure. */
  onDrill(name: string, drill: KpiDrill): void;
}

/** "The 30 days before" reads in the middle of a sentence as "the 30 days before"; month names keep theirs. */
const lowerFirst = (label: string) => label.replace(/^The /, 'the ');

/** A filter value as the supervisor chose it: a name, not an id. */
function filterName(reference: ReferenceIndex, key: keyof KpiFilters, value: string): string {
  switch (key) {
    case 'groupIds':
      return value === 'none' ? 'No group' : (reference.groupsById.get(value)?.name ?? value);
    case 'agentIds':
      return value === 'none' ? 'Unassigned' : (reference.agentsById.get(value)?.name ?? value);
    case 'categoryIds':
      return value === 'none' ? 'No category' : (reference.categoriesById.get(value)?.name ?? value);
    case 'serviceIds':
      return value === 'none' ? 'No service' : (reference.servicesById.get(value)?.name ?? value);
    case 'channels':
      return channel.labels[value as Channel] ?? value;
    case 'priorities':
      return priorityLabel(Number(value) as Priority);
  }
}

/** A harmless question to keep the hook's order while the custom period is incomplete (it is skipped). */
const IDLE_ASK: KpiAsk = { period: { preset: 'today' }, filters: {}, measure: 'calendar' };

/**
 * The KPIs: the team's figures for a period against the one before and the goals, charts over time, and each
 * agent's and group's figures; for an agent, their own. Every figure opens the incidents behind it.
 */
export function KpiScreen({ choice, onChoice, onDrill }: KpiScreenProps) {
  const agent = useSignedInAgent();
  const reference = useReference();
  const supervisor = agent.role === 'supervisor';
  const { ask, problem } = kpiAsk(choice);
  const { load } = useDeskQuery('kpi/report', ask ?? IDLE_ASK, {
    skip: ask === null,
    reloadWhen: (change) => change.reference || change.incidentIds.length > 0,
  });
  // Local answers come quickly: the last report stays while the next is asked, rather than a spinner.
  const [shown, setShown] = useState<KpiReport | null>(null);
  if (load.kind === 'ready' && load.value !== shown) setShown(load.value);
  const report = load.kind === 'ready' ? load.value : shown;
  const failure = load.kind === 'failed' ? describeError(load.error).message : null;

  const [goalKpi, setGoalKpi] = useState<GoalKpi | null>(null);
  const run = useDeskCommand();
  const cards = useMemo(() => (report ? kpiCards(report) : []), [report]);

  const drill = (name: string, figure: DrillFigure, slice?: KpiSlice, bucket?: number) => {
    if (!ask || !report) return;
    onDrill(`${name} · ${report.period.label}`, drillFor(ask, figure, slice, bucket));
  };
  const drillCard = (card: KpiCard) => card.drill && drill(card.label, card.drill.figure, card.drill.slice);
  const removeGoal = async (card: KpiCard) => {
    if (card.goal) await run('goal/delete', { id: card.goal.goal.id }, { success: `Goal removed from ${card.label}` });
  };
  const teamView = report?.teamView ?? supervisor;
  const exportCsv = () => {
    if (!report) return;
    const filters = filtersText(report.filters, (key, value) => filterName(reference, key, value));
    downloadText(`kpis-${report.period.from.slice(0, 10)}.csv`, kpiCsv(report, cards, filters), 'text/csv');
  };
  const slaGoal = report?.goals.find((g) => g.goal.kpi === 'slaResolution')?.target ?? null;
  const empty = report !== null && report.figures.created === 0 && report.figures.handled === 0;

  return (
    <div className={classes.screen}>
      <Stack p="md" gap="md">
        <div>
          <Group justify="space-between">
            <Title order={1} size="h3">
              {teamView ? 'KPIs' : 'My performance'}
            </Title>
            <Group gap="xs" className={classes.noPrint}>
              <Button variant="default" size="xs" onClick={() => window.print()} disabled={!report}>
                Print report
              </Button>
              <Button variant="default" size="xs" onClick={exportCsv} disabled={!report}>
                Export CSV
              </Button>
            </Group>
          </Group>
          {report ? (
            <Text size="sm" c="dimmed" data-testid="kpi-period">
              {report.period.label}, compared with {lowerFirst(report.previousPeriod.label)} ({report.timeZone} time
              {report.measure === 'business' ? ', business hours' : ''})
            </Text>
          ) : null}
        </div>
        <div className={classes.noPrint}>
          <KpiControls choice={choice} teamView={teamView} problem={problem ?? failure} onChange={onChoice} />
        </div>
        {report ? (
          <>
            {empty ? (
              <Alert color="gray" title="No incidents in this period" data-testid="kpi-empty">
                Nothing was reported, open or resolved in {report.period.label}. Choose a longer period or fewer
                filters.
              </Alert>
            ) : null}
            {teamView ? null : (
              <Title order={2} size="h4">
                The team’s figures
              </Title>
            )}
            <KpiCards
              cards={cards}
              previousLabel={report.previousPeriod.label}
              canSetGoals={supervisor}
              onDrill={drillCard}
              onSetGoal={(card) => setGoalKpi(card.goalKpi)}
              onRemoveGoal={removeGoal}
            />
            {empty ? null : <KpiCharts report={report} slaGoal={slaGoal} onDrill={drill} />}
            <KpiTable report={report} onDrill={drill} />
          </>
        ) : null}
      </Stack>
      {supervisor ? (
        <GoalDialog
          kpi={goalKpi}
          current={report?.goals.find((g) => g.goal.kpi === goalKpi)?.goal ?? null}
          onClose={() => setGoalKpi(null)}
        />
      ) : null}
    </div>
  );
}
