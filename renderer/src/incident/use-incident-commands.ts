import { useCallback, useMemo } from 'react';
import type { ResolutionCode } from '#shared/domain/enums.ts';
import type { IncidentDetail, UpdateIncidentInput } from '#shared/domain/incident.ts';
import type { TransitionAction } from '#shared/domain/lifecycle.ts';
import type { SendReplyInput } from '#shared/domain/outbox.ts';
import { useDeskCommand } from '../api/use-desk-command.ts';
import type { CommandOptions, CommandResult } from '../api/use-desk-command.ts';

export interface IncidentCommands {
  update(fields: UpdateIncidentInput['fields'], options?: CommandOptions): Promise<CommandResult<IncidentDetail>>;
  assign(assigneeId: string | null): Promise<CommandResult<IncidentDetail>>;
  transition(
    action: TransitionAction,
    details?: { notes?: string; resolutionCode?: ResolutionCode; cause?: string },
    options?: CommandOptions,
  ): Promise<CommandResult<IncidentDetail>>;
  addNote(body: string): Promise<CommandResult<IncidentDetail>>;
  /** A public reply by mail (incident/reply): to the reporter unless `to` is given. */
  reply(input: Omit<SendReplyInput, 'incidentId'>): Promise<CommandResult<IncidentDetail>>;
}

/** The commands an incident screen sends; each answer (the incident as it now stands) is shown at once. */
export function useIncidentCommands(id: string, adopt: (detail: IncidentDetail) => void): IncidentCommands {
  const run = useDeskCommand();
  const adopted = useCallback(
    (result: CommandResult<IncidentDetail>) => {
      if (result.ok) adopt(result.value);
      return result;
    },
    [adopt],
  );
  return useMemo(
    () => ({
      update: async (fields, options) => adopted(await run('incident/update', { id, fields }, options)),
      assign: async (assigneeId) => adopted(await run('incident/assign', { id, assigneeId })),
      transition: async (action, details = {}, options) =>
        adopted(await run('incident/transition', { id, action, ...details }, options)),
      addNote: async (body) => adopted(await run('incident/addNote', { id, body })),
      reply: async (input) => adopted(await run('incident/reply', { incidentId: id, ...input })),
    }),
    [id, run, adopted],
  );
}
