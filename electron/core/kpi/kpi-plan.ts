import { DeskError } from '#shared/errors.ts';
import { DEFAULT_CALENDAR, DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import type { BusinessCalendar } from '#shared/domain/calendar.ts';
import type { KpiSettings } from '#shared/domain/kpi-answer.ts';
import { calendarDuration } from '#shared/domain/kpi-membership.ts';
import type { ResolvedKpiFilters } from '#shared/domain/kpi-membership.ts';
import { periodBuckets, resolvePeriod } from '#shared/domain/kpi-period.ts';
import type { KpiFilters, KpiReportQuery } from '#shared/domain/kpi-query.ts';
import type { KpiPlan } from '#shared/domain/kpi-report.ts';
import type { Agent, Category, Group, Service } from '#shared/domain/reference.ts';
import { listAgents, listCategories, listGroups, listServices } from '../reference/reference.repository.ts';
import type { SessionState } from '../session/session.ts';
import { findCalendar } from '../sla/calendar.repository.ts';
import type { Db, Store } from '../store/store.ts';
import type { KpiReader } from './kpi-reader.ts';
import { loadKpiSettings } from './kpi-settings.ts';

/**
 * Turns what a screen or the CLI asks for into a plan for computeKpis: who is asking (supervisors see the
 * team, agents the team's totals and their own), the filters checked against the workspace, the period in
 * the workspace's time zone, and how durations are measured.
 */
export interface KpiDeps {
  readonly store: Store;
  readonly session: SessionState;
  readonly kpi: KpiReader;
}

export interface Viewer {
  readonly agent: Agent | null;
  /** Supervisors, and scripts run with nobody signed in, see every agent's figures. */
  readonly teamView: boolean;
}

export interface Reference {
  readonly agents: readonly Agent[];
  readonly groups: readonly Group[];
  readonly categories: readonly Category[];
  readonly services: readonly Service[];
}

export interface PlannedReport {
  readonly plan: KpiPlan;
  readonly viewer: Viewer;
  readonly reference: Reference;
  readonly settings: KpiSettings;
  readonly filters: KpiFilters;
}

export async function viewerOf(session: SessionState): Promise<Viewer> {
  const agent = await session.agent();
  return { agent, teamView: agent === null || agent.role === 'supervisor' };
}

async function loadReference(db: Db): Promise<Reference> {
  const [agents, groups, categories, services] = await Promise.all([
    listAgents(db),
    listGroups(db),
    listCategories(db),
    listServices(db),
  ]);
  return { agents, groups, categories, services };
}

/** The calendar business time is measured on: the workspace's default calendar, as the team has set it. */
async function kpiCalendar(db: Db): Promise<BusinessCalendar> {
  // Only what decides the hours: a renamed calendar keeps the durations already worked out.
  const { timeZone, hours, holidays } = (await findCalendar(db, DEFAULT_CALENDAR_ID)) ?? DEFAULT_CALENDAR;
  return { timeZone, hours, holidays: holidays.map((holiday) => holiday.date) };
}

function checkKnown(ids: readonly string[] | undefined, known: readonly { id: string }[], what: string): void {
  for (const id of ids ?? []) {
    if (id !== 'none' && !known.some((item) => item.id === id)) {
      throw new DeskError(
        'invalid_input',
        `The filter names ${what} that is not in this workspace (${id}); it may have been removed.`,
      );
    }
  }
}

/** The filters with `me` read as the signed-in agent, each id checked; agents may narrow to themselves only. */
export function resolveFilters(filters: KpiFilters, viewer: Viewer, reference: Reference): KpiFilters {
  const agentIds = filters.agentIds?.map((id) => {
    if (id !== 'me') return id;
    if (!viewer.agent) throw new DeskError('not_signed_in', 'Choose who you are to see your own figures.');
    return viewer.agent.id;
  });
  checkKnown(agentIds, reference.agents, 'an agent');
  checkKnown(filters.groupIds, reference.groups, 'a group');
  checkKnown(filters.categoryIds, reference.categories, 'a category');
  checkKnown(filters.serviceIds, reference.services, 'a service');
  if (!viewer.teamView && agentIds?.some((id) => id !== viewer.agent?.id)) {
    throw new DeskError(
      'forbidden',
      'Agents see the team’s totals and their own figures; only a supervisor can look at another agent’s.',
    );
  }
  return { ...filters, ...(agentIds ? { agentIds } : {}) };
}

export async function planReport(deps: KpiDeps, query: KpiReportQuery): Promise<PlannedReport> {
  const { store, session, kpi } = deps;
  const [viewer, reference, settings] = await Promise.all([
    viewerOf(session),
    loadReference(store.db),
    loadKpiSettings(store.db),
  ]);
  const filters = resolveFilters(query.filters, viewer, reference);
  const { current, previous } = resolvePeriod(query.period, store.now(), settings.timeZone);
  const plan: KpiPlan = {
    current,
    previous,
    buckets: periodBuckets(current, settings.timeZone),
    now: store.now(),
    filters: filters as ResolvedKpiFilters,
    duration: query.measure === 'business' ? kpi.businessMeasure(await kpiCalendar(store.db)) : calendarDuration,
  };
  return { plan, viewer, reference, settings, filters };
}
