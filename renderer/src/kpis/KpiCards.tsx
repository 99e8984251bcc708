import { ActionIcon, Button, Group, Paper, Progress, SimpleGrid, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { KpiCard } from './kpi-cards.ts';
import { goalText } from './kpi-cards.ts';
import classes from './kpis.module.css';

interface KpiCardsProps {
  readonly cards: readonly KpiCard[];
  /** The comparison period's name, for the change's accessible name. */
  readonly previousLabel: string;
  /** Supervisors set and remove goals; agents see them. */
  readonly canSetGoals: boolean;
  onDrill(card: KpiCard): void;
  onSetGoal(card: KpiCard): void;
  onRemoveGoal(card: KpiCard): void;
}

/** A circled "i", drawn rather than typed: not every system font has the character. */
function InfoIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <rect x="7.25" y="7" width="1.5" height="5" fill="currentColor" />
      <circle cx="8" cy="4.75" r="1" fill="currentColor" />
    </svg>
  );
}

const TONE_COLOUR = { good: 'teal', bad: 'red', neutral: 'dimmed' } as const;

function FigureCard({ card, ...props }: Omit<KpiCardsProps, 'cards'> & { card: KpiCard }) {
  const drillName = card.drill
    ? `${card.label}: ${card.value}. Open the ${card.drillCount.toLocaleString('en')} incidents behind it in the queue`
    : `${card.label}: ${card.value}. No incidents behind it`;
  return (
    <Paper withBorder radius="md" p="sm" className={classes.card} data-testid={`kpi-${card.id}`}>
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text size="sm" fw={600}>
          {card.label}
        </Text>
        <Tooltip label={card.definition} multiline w={280} withArrow events={{ hover: true, focus: true, touch: true }}>
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`What “${card.label}” counts`}>
            <InfoIcon />
          </ActionIcon>
        </Tooltip>
      </Group>
      <UnstyledButton
        className={classes.figure}
        onClick={() => props.onDrill(card)}
        disabled={card.drill === null}
        aria-label={drillName}
        title={card.drill ? 'Open these incidents in the queue' : undefined}
      >
        <Text size="xl" fw={700} data-testid="kpi-value">
          {card.value}
        </Text>
      </UnstyledButton>
      <Group gap="xs" wrap="nowrap">
        {card.change ? (
          <Text size="xs" c={TONE_COLOUR[card.tone]} aria-label={`${card.change} against ${props.previousLabel}`}>
            {card.change}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed" lineClamp={2}>
          {card.detail}
        </Text>
      </Group>
      {card.goal ? (
        <>
          <Text size="xs" mt={4} data-testid="kpi-goal">
            {goalText(card.goal)}
          </Text>
          <Progress
            value={(card.goal.progress ?? 0) * 100}
            color={card.goal.met ? 'teal' : 'orange'}
            size="sm"
            aria-label={`Progress towards the ${card.label} goal`}
          />
        </>
      ) : null}
      {props.canSetGoals && card.goalKpi ? (
        <Group gap={4} mt={4}>
          <Button
            variant="subtle"
            size="compact-xs"
            onClick={() => props.onSetGoal(card)}
            aria-label={`${card.goal ? 'Change' : 'Set'} the team goal for ${card.label}`}
          >
            {card.goal ? 'Change goal' : 'Set goal'}
          </Button>
          {card.goal ? (
            <Button
              variant="subtle"
              color="red"
              size="compact-xs"
              onClick={() => props.onRemoveGoal(card)}
              aria-label={`Remove the team goal for ${card.label}`}
            >
              Remove goal
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Paper>
  );
}

/** The figure cards: each value opens the incidents behind it (click or Enter). */
export function KpiCards({ cards, ...props }: KpiCardsProps) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4, xl: 6 }} spacing="sm" role="list" aria-label="Figures">
      {cards.map((card) => (
        <div role="listitem" key={card.id}>
          <FigureCard card={card} {...props} />
        </div>
      ))}
    </SimpleGrid>
  );
}
