import { formatIncidentNumber, PROVISIONAL_NUMBER_HINT } from '#shared/domain/incident.ts';
import classes from './incident-number.module.css';

interface IncidentNumberProps {
  readonly number: number | null;
  readonly provisionalNumber: number | null;
  readonly className?: string | undefined;
}

/** Whether an incident shows a number the hub has not confirmed yet ("INC-12*"). */
export function isProvisional({ number, provisionalNumber }: Omit<IncidentNumberProps, 'className'>): boolean {
  return number === null && provisionalNumber !== null;
}

/**
 * "INC-42", or "INC-12*" for a number made here that the team hub has not confirmed yet: that one says so
 * on hover and to screen readers, so the star is never a riddle.
 */
export function IncidentNumber({ number, provisionalNumber, className }: IncidentNumberProps) {
  const text = formatIncidentNumber(number, provisionalNumber);
  if (!isProvisional({ number, provisionalNumber })) return <span className={className}>{text}</span>;
  return (
    <span
      className={[className, classes.provisional].filter(Boolean).join(' ')}
      title={PROVISIONAL_NUMBER_HINT}
      aria-description={PROVISIONAL_NUMBER_HINT}
      data-provisional="true"
    >
      {text}
    </span>
  );
}
