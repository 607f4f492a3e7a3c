// The blind spots of issue 9 §3: bug classes that real implementations ship, each as a proxy
// mutation in front of the reference server, with the check that must catch it and the rule
// it breaks. Used by test/conformance-blind-spots.test.ts and by the coverage test. A mutation
// may keep state (ids it saw, cursors it issued): blindSpotMutants() makes fresh ones per call.
import { jsonAnswer, mapJson, type Mutation, type ProxiedRequest, type ProxiedResponse } from './mutant-proxy.ts';
import {
  MAIN,
  VALID_KEYS,
  queryOf,
  is,
  idAt,
  keyOf,
  withAuth,
  envelope,
  otherWorkspaceIds,
  leakedWrite,
  sharedIdempotency,
  encodeCursor,
  decodeCursor,
  isList,
  limitOf,
  onPages,
  setQuery,
  withRuns,
  countersOf,
  type Item,
  type Page,
  type Run,
  type Suite,
} from './blind-spot-helpers.ts';

export interface BlindSpotMutant {
  /** The check that must fail. */
  check: string;
  /** The rule of that check the mutant breaks. */
  rule: string;
  /** What the mutant breaks, as a sentence. */
  breaks: string;
  mutation: Mutation;
  /** Other checks to run in the same selection. */
  alsoRun?: string[];
}

/** Rewrites the Authorization value when `to` finds a valid key in it (the near-miss mutants). */
function authAs(to: (header: string) => string | undefined): Mutation {
  return {
    request: (req) => {
      const header = req.headers.authorization;
      const key = header === undefined ? undefined : to(header);
      return key ? withAuth(req, `Bearer ${key}`) : req;
    },
  };
}

function authMutants(): BlindSpotMutant[] {
  const token = (h: string) => /^\s*\S+\s+(\S+)/.exec(h)?.[1] ?? '';
  const near = 'auth-near-miss-credentials';
  return [
    {
      check: near,
      rule: 'key-suffix',
      breaks: 'a token that starts with a valid key is that key (prefix match on the stored key)',
      mutation: authAs((h) => VALID_KEYS.find((k) => token(h) !== k && token(h).startsWith(k))),
    },
    {
      check: near,
      rule: 'key-prefix',
      breaks: 'a token the stored key starts with is accepted (a LIKE "token%" lookup)',
      mutation: authAs((h) => VALID_KEYS.find((k) => token(h).length > 8 && token(h) !== k && k.startsWith(token(h)))),
    },
    {
      check: near,
      rule: 'key-prefixed',
      breaks: 'the key is searched anywhere in the header (an unanchored regex)',
      mutation: authAs((h) => VALID_KEYS.find((k) => h.includes(`x${k}`))),
    },
    {
      check: near,
      rule: 'key-case',
      breaks: 'keys are compared case-insensitively',
      mutation: authAs((h) =>
        VALID_KEYS.find(
          (k) =>
            /^bearer$/i.test(h.trim().split(/\s+/)[0] ?? '') &&
            token(h) !== k &&
            token(h).toLowerCase() === k.toLowerCase(),
        ),
      ),
    },
    {
      check: near,
      rule: 'other-scheme',
      breaks: 'the scheme word is not looked at (Basic and Token work like Bearer)',
      mutation: authAs((h) => VALID_KEYS.find((k) => /^(Basic|Token) /.test(h) && token(h) === k)),
    },
    {
      check: near,
      rule: 'no-scheme',
      breaks: 'a header that is only the key is taken as the key',
      mutation: authAs((h) => VALID_KEYS.find((k) => h.trim() === k)),
    },
    {
      check: near,
      rule: 'second-token',
      breaks: 'only the second space-separated word is read (split(" ")[1]), so a trailing token is ignored',
      mutation: authAs((h) =>
        VALID_KEYS.find(
          (k) =>
            h.split(' ')[0] === 'Bearer' && h.split(' ')[1] === k && h.split(' ').length > 2 && h.split(' ')[2] !== '',
        ),
      ),
    },
    {
      check: near,
      rule: 'joined-credentials',
      breaks: 'of comma-joined credentials, the first is used (two Authorization headers, first wins after a join)',
      mutation: authAs((h) => VALID_KEYS.find((k) => h.includes(',') && h.split(',')[0]!.trim() === `Bearer ${k}`)),
    },
    {
      check: near,
      rule: 'joined-credentials',
      breaks: 'of comma-joined credentials, any valid one is used',
      mutation: authAs((h) =>
        VALID_KEYS.find((k) => h.includes(',') && h.split(',').some((part) => part.trim() === `Bearer ${k}`)),
      ),
    },
    {
      check: 'auth-missing-credentials',
      rule: 'auth-missing-credentials',
      breaks: 'a 401 comes without WWW-Authenticate: Bearer',
      mutation: {
        response: (_req, res) =>
          res.status === 401
            ? {
                ...res,
                headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => k !== 'www-authenticate')),
              }
            : res,
      },
    },
    {
      check: 'auth-unknown-key',
      rule: 'auth-unknown-key',
      breaks: 'an unknown key answers 403 forbidden instead of 401',
      mutation: {
        response: (req, res) =>
          res.status === 401 && (req.headers.authorization ?? '').includes('unknown')
            ? jsonAnswer(403, envelope('forbidden'))
            : res,
      },
    },
  ];
}

function tenancyMutants(): BlindSpotMutant[] {
  const writes = 'tenancy-writes-change-nothing';
  return [
    {
      check: 'tenancy-cursor-bound-to-workspace',
      rule: 'cursor-other-workspace',
      breaks:
        "a cursor names a server-side page state that carries its workspace, so another key pages the first workspace's suites",
      mutation: (() => {
        const issuedTo = new Map<string, string>();
        return {
          request: (req: ProxiedRequest) => {
            const cursor = queryOf(req).get('cursor');
            const owner = cursor ? issuedTo.get(cursor) : undefined;
            return (is.suiteList(req) || is.runList(req)) && owner && owner !== req.headers.authorization
              ? withAuth(req, owner)
              : req;
          },
          response: (req: ProxiedRequest, res: ProxiedResponse) => {
            const next =
              res.status === 200 ? (JSON.parse(res.body) as { next_cursor?: unknown }).next_cursor : undefined;
            if (typeof next === 'string') issuedTo.set(next, req.headers.authorization ?? '');
            return res;
          },
        };
      })(),
    },
    {
      check: 'tenancy-idempotency-keys-per-workspace',
      rule: 'replayed-to-other-workspace',
      breaks:
        "Idempotency-Key records are kept per key string, not per workspace: another workspace's use replays the first answer",
      mutation: sharedIdempotency((stored) => stored),
    },
    {
      check: 'tenancy-idempotency-keys-per-workspace',
      rule: 'key-shared-across-workspaces',
      breaks: "another workspace's earlier use of an Idempotency-Key makes this one a 409",
      mutation: sharedIdempotency(() => jsonAnswer(409, envelope('idempotency_conflict'))),
    },
    {
      check: 'tenancy-other-workspace-agent-in-body',
      rule: 'run-test-agent',
      breaks:
        "an agent_id in a body is looked up in every workspace (run one test runs against another workspace's agent)",
      mutation: (() => {
        const other = otherWorkspaceIds();
        return {
          request: (req: ProxiedRequest) => {
            if (keyOf(req) !== MAIN || !(is.runTest(req) || is.batch(req))) return req;
            const agent = /"agent_id":"(agent_[0-9A-Z]{26})"/.exec(req.body)?.[1];
            if (!other.owns(agent)) return req;
            return {
              ...req,
              body: req.body.replace(/,?"agent_id":"agent_[0-9A-Z]{26}"/g, '').replace('{,', '{'),
              headers: { ...req.headers, 'x-mutant-agent': agent! },
            };
          },
          response: (req: ProxiedRequest, res: ProxiedResponse) => {
            other.see(req, res);
            const agent = req.headers['x-mutant-agent'];
            if (!agent || res.status !== 202) return res;
            return mapJson(res, (b) => {
              if (Array.isArray(b.runs)) for (const r of b.runs as { agent_id: string }[]) r.agent_id = agent;
              else b.agent_id = agent;
            });
          },
        };
      })(),
    },
    {
      check: writes,
      rule: 'owner-sees-no-change',
      breaks: "cancel of another workspace's test run is carried out, then answered 404",
      mutation: leakedWrite(is.cancelRun, 5),
    },
    {
      check: writes,
      rule: 'owner-sees-no-change',
      breaks: "resubmit of another workspace's suite run makes the new suite there, then answers 404",
      mutation: leakedWrite(is.resubmit, 5),
    },
    {
      check: writes,
      rule: 'owner-sees-no-change',
      breaks: "cancel of another workspace's suite run is carried out, then answered 404",
      mutation: leakedWrite(is.cancelSuite, 5),
    },
    {
      check: writes,
      rule: 'owner-sees-no-change',
      breaks: "the control interface moves another workspace's run, then answers 404",
      mutation: leakedWrite(is.advance, 3),
    },
  ];
}

function pageMutants(): BlindSpotMutant[] {
  const seams = 'lifecycle-list-page-seams';
  return [
    {
      check: seams,
      rule: 'last-page',
      breaks: 'has_more is "the page is full" (items.length === limit), so an exactly full last page promises more',
      mutation: onPages((page, items, req) => {
        if (!page.has_more && items.length > 0 && items.length === limitOf(req))
          Object.assign(page, { has_more: true, next_cursor: encodeCursor(items[items.length - 1]!) });
      }),
    },
    {
      check: seams,
      rule: 'has-more-empty-next',
      breaks:
        "the next page starts strictly before the cursor's created_at (created_at < t), so items sharing the seam's instant are skipped",
      mutation: onPages((_page, items, req) => {
        const t = decodeCursor(queryOf(req).get('cursor') ?? '').t;
        while (t && items[0]?.created_at === t) items.shift();
      }),
    },
    {
      check: seams,
      rule: 'has-more-empty-next',
      breaks: 'next_cursor names the first item of the next page, read exclusively: one item lost at every seam',
      mutation: onPages((_page, items, req) => void (queryOf(req).get('cursor') && items.shift())),
    },
    {
      check: seams,
      rule: 'seam-repeat',
      breaks: "the next page starts at the cursor's item (<= instead of <): the last item of a page comes again",
      mutation: (() => {
        const known = new Map<string, Item>();
        return onPages((page, items, req) => {
          const id = decodeCursor(queryOf(req).get('cursor') ?? '').id;
          const again = id ? known.get(id) : undefined;
          if (again) {
            items.unshift(again);
            if (items.length > limitOf(req)) {
              items.pop();
              Object.assign(page, { has_more: true, next_cursor: encodeCursor(items[items.length - 1]!) });
            }
          }
          for (const item of items) known.set(item.id, item);
        });
      })(),
    },
    {
      check: seams,
      rule: 'seam-repeat',
      breaks: 'cursors are offsets, so a suite made between two pages shifts the list and repeats an item',
      mutation: {
        request: (req) => {
          const cursor = queryOf(req).get('cursor') ?? '';
          if (!isList(req) || !cursor.startsWith('off_')) return req;
          const offset = Number(cursor.slice(4));
          const limit = limitOf(req);
          return {
            ...setQuery(req, (q) => {
              q.delete('cursor');
              q.set('limit', String(Math.min(200, offset + limit)));
            }),
            headers: { ...req.headers, 'x-mutant-offset': String(offset), 'x-mutant-limit': String(limit) },
          };
        },
        response: (req, res) => {
          if (!isList(req) || res.status !== 200) return res;
          const offset = Number(req.headers['x-mutant-offset'] ?? 0);
          const limit = Number(req.headers['x-mutant-limit'] ?? limitOf(req));
          return mapJson(res, (b: Page) => {
            const field = b.suite_runs ? 'suite_runs' : 'runs';
            const all = b[field]!;
            const items = all.slice(offset, offset + limit);
            const more = b.has_more || all.length > offset + limit;
            Object.assign(b, {
              [field]: items,
              has_more: more,
              next_cursor: more ? `off_${offset + items.length}` : null,
            });
          });
        },
      },
    },
    {
      check: seams,
      rule: 'page-size',
      breaks: 'a page holds limit + 1 items (<= in the loop)',
      mutation: {
        request: (req) =>
          isList(req) && queryOf(req).has('limit') && limitOf(req) < 200
            ? setQuery(req, (q) => q.set('limit', String(limitOf(req) + 1)))
            : req,
      },
    },
  ];
}

function batchMutants(): BlindSpotMutant[] {
  const limits = 'lifecycle-batch-at-limits';
  const entries = (req: ProxiedRequest) => (JSON.parse(req.body) as { entries: { test_id: string }[] }).entries;
  const sendEntries = (req: ProxiedRequest, list: unknown[]) => ({ ...req, body: JSON.stringify({ entries: list }) });
  return [
    {
      check: limits,
      rule: 'batch-100',
      breaks: 'a batch of exactly 100 entries is refused (entries.length >= 100)',
      mutation: {
        request: (req) =>
          is.batch(req) && entries(req).length === 100
            ? jsonAnswer(400, {
                ...envelope('validation_failed'),
                error: { code: 'validation_failed', message: 'mutant', fields: { entries: 'at most 99' } },
              })
            : req,
      },
    },
    {
      check: limits,
      rule: 'entry-order',
      breaks: 'repeated entries of a batch are merged into one run per test',
      mutation: {
        request: (req) =>
          is.batch(req)
            ? sendEntries(req, [...new Map(entries(req).map((e) => [JSON.stringify(e), e])).values()])
            : req,
      },
    },
    {
      check: limits,
      rule: 'entry-order',
      breaks: 'a batch queues only its first 50 entries',
      mutation: {
        request: (req) =>
          is.batch(req) && entries(req).length > 50 ? sendEntries(req, entries(req).slice(0, 50)) : req,
      },
    },
    {
      check: limits,
      rule: 'batch-101',
      breaks: 'a batch of 101 entries is accepted (its first 100 queued)',
      mutation: {
        request: (req) =>
          is.batch(req) && entries(req).length === 101 ? sendEntries(req, entries(req).slice(0, 100)) : req,
      },
    },
  ];
}

function sizeMutants(): BlindSpotMutant[] {
  const sizes = 'derivation-at-size-limits';
  return [
    {
      check: sizes,
      rule: 'children-count',
      breaks: 'a suite reads at most its first 500 children (a page of children where the whole list is due)',
      mutation: {
        response: (req, res) =>
          is.getSuite(req) && res.status === 200
            ? mapJson(res, (b: Suite) => {
                b.runs = b.runs?.slice(0, 500);
              })
            : res,
      },
    },
    {
      check: sizes,
      rule: 'counters',
      breaks: 'the counters of a read count only the first 100 children',
      mutation: {
        response: (req, res) =>
          is.getSuite(req) && res.status === 200
            ? mapJson(res, (b: Suite) => void Object.assign(b, countersOf((b.runs ?? []).slice(0, 100))))
            : res,
      },
    },
    {
      check: sizes,
      rule: 'list-item-counters',
      breaks: 'list items count only the first 100 children of their suite (GET counts right)',
      mutation: (() => {
        const children = new Map<string, Run[]>();
        return {
          response: (req: ProxiedRequest, res: ProxiedResponse) => {
            if (withRuns(req) && res.status < 300)
              mapJson(res, (b: Suite) => void (b.runs && children.set(b.id, b.runs)));
            if (!is.suiteList(req) || res.status !== 200) return res;
            return mapJson(res, (b: { suite_runs: Suite[] }) => {
              for (const item of b.suite_runs) {
                if (children.has(item.id)) Object.assign(item, countersOf(children.get(item.id)!.slice(0, 100)));
              }
            });
          },
        };
      })(),
    },
    {
      check: sizes,
      rule: 'active-cancelled',
      breaks:
        'a cancel updates at most 255 children (a batched UPDATE with a LIMIT): the later ones stay active in its answer',
      mutation: (() => {
        const before = new Map<string, Run[]>();
        return {
          response: (req: ProxiedRequest, res: ProxiedResponse) => {
            if (is.getSuite(req) && res.status === 200)
              mapJson(res, (b: Suite) => void (b.runs && before.set(b.id, b.runs)));
            if (!is.cancelSuite(req) || res.status !== 200) return res;
            return mapJson(res, (b: Suite) => {
              const old = before.get(b.id);
              if (!old || !b.runs) return;
              let touched = 0;
              b.runs = b.runs.map((run, i) =>
                old[i]!.status === 'pending' || old[i]!.status === 'running' ? (++touched > 255 ? old[i]! : run) : run,
              );
            });
          },
        };
      })(),
    },
  ];
}

function timeMutants(): BlindSpotMutant[] {
  const apart = 'derivation-children-end-apart';
  const lastInstant = (b: Suite, pick: (runs: Run[]) => Run | undefined) => {
    if (b.ended_at !== null && b.runs?.length) b.ended_at = pick(b.runs)?.ended_at ?? b.ended_at;
  };
  return [
    {
      check: apart,
      rule: 'ended-at',
      breaks: "a suite's ended_at is its last child's in creation order, not the latest",
      mutation: {
        response: (req, res) =>
          withRuns(req) && res.status < 300
            ? mapJson(res, (b: Suite) => lastInstant(b, (runs) => runs[runs.length - 1]))
            : res,
      },
    },
    {
      check: apart,
      rule: 'ended-at',
      breaks: "a suite's ended_at is its first child's",
      mutation: {
        response: (req, res) =>
          withRuns(req) && res.status < 300 ? mapJson(res, (b: Suite) => lastInstant(b, (runs) => runs[0])) : res,
      },
    },
    {
      check: apart,
      rule: 'cancel-instant',
      breaks:
        'a cancel stamps the children it touches with the latest ended_at already there, not the instant of the cancel',
      mutation: (() => {
        const moved = new Map<string, [string, string]>();
        const shift = (b: Suite) => {
          const [from, to] = moved.get(b.id) ?? [];
          if (!from || !to) return;
          for (const run of b.runs ?? []) if (run.ended_at === from) run.ended_at = to;
          if (b.ended_at === from) b.ended_at = to;
        };
        return {
          response: (req: ProxiedRequest, res: ProxiedResponse) => {
            if (res.status !== 200) return res;
            if (is.cancelSuite(req)) {
              return mapJson(res, (b: Suite) => {
                const ends = (b.runs ?? [])
                  .map((r) => r.ended_at)
                  .filter((e): e is string => e !== null)
                  .sort();
                const now = ends[ends.length - 1];
                const earlier = ends.filter((e) => e !== now).pop();
                if (now && earlier && !moved.has(b.id)) moved.set(b.id, [now, earlier]);
                shift(b);
              });
            }
            return is.getSuite(req) ? mapJson(res, shift) : res;
          },
        };
      })(),
    },
  ];
}

/** Classes the existing checks already catch, proven here by a mutant of their own. */
function rederiveMutants(): BlindSpotMutant[] {
  return [
    {
      check: 'cancel-one-child-rederives-suite',
      rule: 'cancel-one-child-rederives-suite',
      breaks:
        'a cached suite representation is not invalidated when one of its children is cancelled: the suite reads as before',
      mutation: (() => {
        const suiteOfRun = new Map<string, string>();
        const cached = new Map<string, ProxiedResponse>();
        const stale = new Set<string>();
        return {
          response: (req: ProxiedRequest, res: ProxiedResponse) => {
            if (withRuns(req) && res.status < 300) {
              const body = JSON.parse(res.body) as Suite;
              for (const run of body.runs ?? []) suiteOfRun.set(run.id, body.id);
              if (!stale.has(body.id)) cached.set(body.id, { ...res, status: 200 });
            }
            if (is.cancelRun(req) && res.status === 200) {
              const suite = suiteOfRun.get(idAt(req, 5));
              if (suite) stale.add(suite);
            }
            return is.getSuite(req) && stale.has(idAt(req, 5)) ? (cached.get(idAt(req, 5)) ?? res) : res;
          },
        };
      })(),
    },
  ];
}

/** Every blind-spot mutant, with fresh state. */
export function blindSpotMutants(): BlindSpotMutant[] {
  return [
    ...authMutants(),
    ...tenancyMutants(),
    ...pageMutants(),
    ...batchMutants(),
    ...sizeMutants(),
    ...timeMutants(),
    ...rederiveMutants(),
  ];
}
