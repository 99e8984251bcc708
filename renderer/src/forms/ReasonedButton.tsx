import { Button, Tooltip } from '@mantine/core';
import type { ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface ReasonedButtonProps extends ButtonProps {
  /** Why the agent cannot use it now; null when they can. */
  readonly reason: string | null;
  readonly 'aria-label'?: string;
  onClick(): void;
  readonly children: ReactNode;
}

/**
 * A button that, when the agent cannot use it, stays in its place, greyed, and says why: on hover and focus
 * (a tooltip) and to a screen reader (its description). A plainly disabled button leaves the focus and
 * says nothing, so the agent would have to guess.
 */
export function ReasonedButton({ reason, onClick, children, ...props }: ReasonedButtonProps) {
  if (reason === null) {
    return (
      <Button {...props} onClick={onClick}>
        {children}
      </Button>
    );
  }
  return (
    <Tooltip label={reason} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Button
        {...props}
        data-disabled
        aria-disabled="true"
        aria-description={reason}
        onClick={(event) => event.preventDefault()}
      >
        {children}
      </Button>
    </Tooltip>
  );
}
