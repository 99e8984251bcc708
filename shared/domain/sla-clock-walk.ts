import { addBusinessMs, businessMsBetween, nextBusinessMs } from './business-time.ts';
import type { CompiledCalendar } from './calendar-days.ts';
import type { Status } from './enums.ts';
import { SLA_CLOCKS } from './sla-input.ts';
import type { ParsedEvent, SlaClockName, TargetsMs } from './sla-input.ts';

/** One clock's cycle as the walk moves it; milliseconds and epoch instants throughout. */
export interface Tracker {
  readonly cycle: number;
  readonly startedAt: number;
  elapsed: number;
  metAt: number | null;
  targetAtMet: number | undefined;
  breachedAt: number | null;
  stretchStart: number | null;
  elapsedAtStretchStart: number;
}

const newTracker = (startedAt: number, cycle: number): Tracker => ({
  cycle,
  startedAt,
  elapsed: 0,
  metAt: null,
  targetAtMet: undefined,
  breachedAt: null,
  stretchStart: null,
  elapsedAtStretchStart: 0,
});

const RESOLVED: readonly Status[] = ['resolved', 'closed'];

/** Walks the history once, moving every clock that runs between two events by the business time in between. */
export class ClockWalk {
  private status: Status;
  private targets: TargetsMs;
  private cursor: number;
  private nextUpdateCycles = 0;
  readonly trackers: Record<SlaClockName, Tracker | null>;

  constructor(
    private readonly calendar: CompiledCalendar,
    private readonly pauses: ReadonlySet<Status>,
    createdAt: number,
    initialStatus: Status,
    targets: TargetsMs,
  ) {
    this.status = initialStatus;
    this.targets = targets;
    this.cursor = createdAt;
    this.trackers = { firstResponse: newTracker(createdAt, 1), nextUpdate: null, resolution: newTracker(createdAt, 1) };
    this.refreshStretches(createdAt);
  }

  get currentStatus(): Status {
    return this.status;
  }
  get currentTargets(): TargetsMs {
    return this.targets;
  }

  statusRuns(): boolean {
    return this.status !== 'cancelled' && !this.pauses.has(this.status);
  }

  advance(to: number): void {
    if (to <= this.cursor) return;
    if (this.statusRuns()) {
      let business: number | null = null;
      for (const clock of SLA_CLOCKS) {
        const tracker = this.trackers[clock];
        if (!tracker || tracker.metAt !== null) continue;
        business ??= businessMsBetween(this.calendar, this.cursor, to);
        this.noteBreach(tracker, this.targets[clock], business);
        tracker.elapsed += business;
      }
    }
    this.cursor = to;
  }

  /** Remembers when a clock first exceeds its target within the stretch [cursor, cursor + business time). */
  private noteBreach(tracker: Tracker, target: number | undefined, business: number): void {
    if (target === undefined || tracker.breachedAt !== null) return;
    if (tracker.elapsed <= target && tracker.elapsed + business > target) {
      const due = addBusinessMs(this.calendar, this.cursor, target - tracker.elapsed);
      tracker.breachedAt = nextBusinessMs(this.calendar, due);
    }
  }

  apply(event: ParsedEvent): void {
    const { firstResponse, nextUpdate, resolution } = this.trackers;
    // Cancelled is final for the clocks: nothing after it (a late reply, a stray status) moves them again.
    if (this.status === 'cancelled') return;
    switch (event.type) {
      case 'status':
        this.status = event.status;
        if (RESOLVED.includes(event.status)) this.meet(resolution!, 'resolution', event.at);
        else if (event.status !== 'cancelled' && resolution!.metAt !== null) {
          // A reopen: the same resolution cycle goes on from the elapsed time it had.
          resolution!.metAt = null;
          resolution!.targetAtMet = undefined;
        }
        break;
      case 'agent_reply':
        this.meet(firstResponse!, 'firstResponse', event.at);
        if (nextUpdate) this.meet(nextUpdate, 'nextUpdate', event.at);
        break;
      case 'customer_message':
        // Several messages before an answer are one wait, timed from the first of them.
        if (!nextUpdate || nextUpdate.metAt !== null) {
          this.trackers.nextUpdate = newTracker(event.at, ++this.nextUpdateCycles);
        }
        break;
      case 'targets':
        this.changeTargets(event.targets, event.at);
        break;
    }
    this.refreshStretches(event.at);
  }

  private meet(tracker: Tracker, clock: SlaClockName, at: number): void {
    if (tracker.metAt !== null) return;
    tracker.metAt = at;
    tracker.targetAtMet = this.targets[clock];
  }

  private changeTargets(targets: TargetsMs, at: number): void {
    for (const clock of SLA_CLOCKS) {
      const tracker = this.trackers[clock];
      if (!tracker || tracker.metAt !== null) continue;
      const target = targets[clock];
      if (target !== undefined && tracker.elapsed > target) tracker.breachedAt ??= at;
      else tracker.breachedAt = null;
    }
    this.targets = targets;
  }

  /** Starts or ends each clock's running stretch after an event changed what runs. */
  private refreshStretches(at: number): void {
    const runs = this.statusRuns();
    for (const clock of SLA_CLOCKS) {
      const tracker = this.trackers[clock];
      if (!tracker) continue;
      if (runs && tracker.metAt === null) {
        if (tracker.stretchStart === null) {
          tracker.stretchStart = at;
          tracker.elapsedAtStretchStart = tracker.elapsed;
        }
      } else {
        tracker.stretchStart = null;
      }
    }
  }
}
