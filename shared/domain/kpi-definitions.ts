/**
 * What each figure counts, in the words a supervisor uses. The dashboard shows these beside the figures, the
 * CLI's help repeats them and the README quotes them: one text, so the screen, the CLI and the tests agree.
 */
export const KPI_DEFINITIONS = {
  created: 'Incidents reported in the period (by when the reporter first raised them).',
  resolved:
    'Incidents whose most recent resolution falls in the period, each counted once. One reopened since still ' +
    'counts here, and in the reopen rate.',
  closed: 'Incidents whose most recent closing falls in the period.',
  handled: 'Incidents that were open at some moment in the period.',
  backlog:
    'Open incidents at a moment: reported before it and not yet resolved, closed or cancelled. At the start ' +
    'and at the end of the period (or now, for a period still running).',
  backlogAge: 'Open incidents by how long ago they were reported, in calendar time.',
  mtta:
    'Mean time to acknowledge: from when the incident was reported to when an agent first took it or worked ' +
    'on it, over the incidents acknowledged in the period.',
  firstResponse:
    'From when the incident was reported to the first public response to the reporter (a reply by mail or a ' +
    'logged call back; automatic mail does not count), over the incidents first answered in the period.',
  timeToResolve:
    'From when the incident was reported to its most recent resolution, over the incidents resolved in the ' +
    'period: the mean, the median (half took longer) and the 90th percentile (nine in ten took at most this).',
  slaCompliance:
    'Of the service-level clocks that were met or breached in the period, the share met on time. Each clock ' +
    'counts once: when it was met, or when it breached. The clocks are the ones the queue shows.',
  firstContactResolution:
    'Of the incidents resolved in the period, the share resolved at first contact: by the first agent and ' +
    'group that took them, never reopened, and with no further message from the reporter after they were logged.',
  reopenRate: 'Of the incidents resolved in the period, the share reopened at least once.',
  escalationRate:
    'Of the incidents reported in the period, the share escalated so far: by hand (an Escalated entry on ' +
    'their timeline) or by an escalation rule firing (Automation on their timeline, for a service-level or ' +
    'acknowledgement trigger). An incident escalated several times counts once.',
  share: 'Incidents reported in the period, by their channel, category, service or priority as it is now.',
  perAgent:
    'Each incident counts for the agent it is assigned to now, and for the group it belongs to now; ' +
    'incidents nobody has are under Unassigned (No group).',
  businessTime:
    'Business hours: durations count only the opening hours of the team’s default calendar. Calendar time ' +
    'counts every minute.',
  comparison: 'Compared with the period just before: the same number of days, or the previous month or quarter.',
} as const;
export type KpiDefinition = keyof typeof KPI_DEFINITIONS;
