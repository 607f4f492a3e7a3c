// idempotency: cancel twice, cancel a terminal suite, cancel in parallel, cancel then a worker,
// cancel racing workers, and Idempotency-Key replay and conflict.
import type { CheckDefinition } from '../types.ts';
import { cancelTerminalSuiteUnchanged, secondCancelIdentical } from './cancel-twice.ts';
import {
  idempotencyKeyBoundToRequest,
  idempotencyKeyConflict,
  idempotencyKeyReplay,
  idempotencyRefusalNotRecorded,
} from './keys.ts';
import { cancelRacesAdvances, parallelCancelsAgree, workerAfterCancelChangesNothing } from './races.ts';

export const idempotencyChecks: CheckDefinition[] = [
  {
    id: 'idempotency-second-cancel-identical',
    group: 'idempotency',
    clause: 'cancel-idempotent',
    title: 'a second cancel answers exactly as the first and changes nothing',
    needs: ['state', 'creation'],
    property: true,
    run: secondCancelIdentical,
  },
  {
    id: 'idempotency-cancel-terminal-suite-unchanged',
    group: 'idempotency',
    clause: 'cancel-idempotent',
    title: 'cancel of a completed, failed or cancelled suite answers it unchanged (a completed suite stays completed)',
    needs: ['control'],
    withoutControl: 'a completed or failed suite cannot be made on demand without it',
    property: true,
    run: cancelTerminalSuiteUnchanged,
  },
  {
    id: 'idempotency-parallel-cancels-agree',
    group: 'idempotency',
    clause: 'cancel-idempotent',
    title: 'parallel cancels of one suite all answer the same final state, the cancel made once',
    needs: ['state', 'creation'],
    property: true,
    run: parallelCancelsAgree,
  },
  {
    id: 'idempotency-worker-after-cancel-changes-nothing',
    group: 'idempotency',
    clause: 'cancel-wins',
    title: 'a worker finishing a cancelled child is refused (409) and changes nothing: cancel wins',
    needs: ['control'],
    withoutControl: 'acting as a worker needs POST /_control/runs/{id}/advance',
    property: true,
    run: workerAfterCancelChangesNothing,
  },
  {
    id: 'idempotency-cancel-races-advances',
    group: 'idempotency',
    clause: 'cancel-wins',
    title: 'a cancel racing worker moves: moves accepted before it stand, nothing changes after it',
    needs: ['control'],
    withoutControl: 'acting as a worker needs POST /_control/runs/{id}/advance',
    property: true,
    run: cancelRacesAdvances,
  },
  {
    id: 'idempotency-key-replay',
    group: 'idempotency',
    clause: 'idempotency-replay',
    title: 'the same Idempotency-Key and body replays the first answer, making nothing new',
    needs: ['state', 'creation'],
    run: idempotencyKeyReplay,
  },
  {
    id: 'idempotency-key-conflict',
    group: 'idempotency',
    clause: 'idempotency-conflict',
    title: 'the same Idempotency-Key with another body is 409 idempotency_conflict',
    needs: ['state', 'creation'],
    run: idempotencyKeyConflict,
  },
  {
    id: 'idempotency-key-bound-to-request',
    group: 'idempotency',
    clause: 'idempotency-conflict',
    title:
      'an Idempotency-Key is bound to its first request: on another operation or path id it is 409 idempotency_conflict, and the first still replays',
    needs: ['state', 'creation'],
    run: idempotencyKeyBoundToRequest,
  },
  {
    id: 'idempotency-refusal-not-recorded',
    group: 'idempotency',
    clause: 'idempotency-refusals-not-recorded',
    title: 'only 2xx answers are recorded: a request refused with a key runs again with it once it can succeed',
    needs: ['control'],
    withoutControl: 'a refused resubmit that can later succeed needs a running suite the kit fails as the worker',
    run: idempotencyRefusalNotRecorded,
  },
];
