// The control interface (spec/control.openapi.yaml) as calls in code: the same handlers, the
// same validation from the control spec and the same answers as `serve --control`, without HTTP.
// A refusal throws a SuiteRunControlError carrying the status and envelope the HTTP call answers.
import { errorEnvelope } from '../wire/envelope.ts';
import { ApiError, INTERNAL_ERROR } from '../wire/errors.ts';
import type { AgentTestRun, AgentTestSuiteRunWithRuns } from '../domain/types.ts';
import type { components } from '../generated/control.ts';
import { authenticate } from '../server/auth.ts';
import type { AppContext, Handler } from '../server/context.ts';
import { dispatchOperation } from '../server/dispatch.ts';
import { nextRequestId } from '../wire/request-id.ts';
import { checkPathIds } from '../wire/routing.ts';
import { notFoundError, PATH_IDS } from '../wire/path-ids.ts';
import { checkInput } from '../server/validation.ts';
import type { Contract } from '../contract/compile.ts';

export type ControlSuiteRequest = components['schemas']['ControlSuiteRunRequest'];
export type ControlAdvanceRequest = components['schemas']['ControlAdvanceRequest'];

/** Whose workspace a call acts in: the workspace of `apiKey` (checked as a Bearer key is), else the first one. */
export interface ControlCallOptions {
  apiKey?: string;
}

export class SuiteRunControlError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  /** The headers the HTTP answer carries (WWW-Authenticate on a 401). */
  readonly headers: Record<string, string>;
  /** The error envelope, as the HTTP answer's body. */
  readonly body: ReturnType<typeof errorEnvelope>;

  constructor(error: ApiError, requestId: string) {
    super(`${error.status} ${error.code}: ${error.message}${error.fields ? ` ${JSON.stringify(error.fields)}` : ''}`);
    this.name = 'SuiteRunControlError';
    this.status = error.status;
    this.code = error.code;
    this.fields = error.fields;
    this.headers = error.headers;
    this.body = errorEnvelope(error, requestId);
  }
}

export interface SuiteRunControl {
  /** Everything back to the fixtures (suites, runs, idempotency records); the workers' timers are cleared. */
  reset(options?: ControlCallOptions): void;
  /** Makes a suite run with exactly these children; answers its public representation. */
  makeSuite(request: ControlSuiteRequest, options?: ControlCallOptions): AgentTestSuiteRunWithRuns;
  /** Moves a run as a worker would (pending -> running | failed, running -> completed | failed). */
  advance(runId: string, move: ControlAdvanceRequest, options?: ControlCallOptions): AgentTestRun;
}

export function createControl(
  app: AppContext,
  controlContract: Contract,
  handlers: Record<string, Handler>,
): SuiteRunControl {
  function call<T>(
    operationId: string,
    options: ControlCallOptions | undefined,
    input: { params?: Record<string, string>; body?: unknown; workspace?: (id: string) => string | undefined },
  ): T {
    const requestId = nextRequestId();
    try {
      // Auth first, as on HTTP: a bad key is 401 whatever else is wrong.
      let workspace = options?.apiKey !== undefined ? authenticate(app, `Bearer ${options.apiKey}`) : undefined;
      const params = checkPathIds(input.params ?? {});
      workspace ??=
        (params.test_run_id !== undefined ? input.workspace?.(params.test_run_id) : undefined) ??
        app.store.workspaceIds[0];
      if (workspace === undefined) throw new ApiError(INTERNAL_ERROR, { message: 'The fixtures have no workspace.' });
      const operation = controlContract.operation(operationId);
      const checked = checkInput(controlContract, operation, { query: {}, header: () => undefined, body: input.body });
      const answer = dispatchOperation(app, handlers, {
        workspace,
        operation,
        method: operation.method.toUpperCase(),
        path: operation.path,
        params,
        query: checked.query,
        body: checked.body,
        idempotencyKey: undefined,
      });
      return answer.body as T;
    } catch (error) {
      if (error instanceof ApiError) throw new SuiteRunControlError(error, requestId);
      throw error;
    }
  }

  return {
    reset: (options) => void call('controlReset', options, {}),
    makeSuite: (request, options) => call('controlCreateSuiteRun', options, { body: request }),
    advance: (runId, move, options) => {
      // Without a key, the run's own workspace: a test names a run, not a tenant.
      const home = (id: string) => app.store.workspaceOfRun(id);
      if (typeof runId !== 'string')
        throw new SuiteRunControlError(notFoundError(PATH_IDS.test_run_id), nextRequestId());
      return call('controlAdvanceRun', options, {
        params: { test_run_id: encodeURIComponent(runId) },
        body: move,
        workspace: home,
      });
    },
  };
}
