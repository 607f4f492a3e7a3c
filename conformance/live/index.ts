// Live traffic: the semantic proxy, the HAR audit and the judge they share.
import { CONTROL_SPEC_PATH, loadContract } from '../../src/contract/index.ts';
import type { Contracts } from '../oracle/schema.ts';
import { parseHar } from './har.ts';
import { createJudge, type Finding } from './judge.ts';
import { buildLiveReport, type LiveReport } from './report.ts';
import { createKeyring, toLiveExchange } from './traffic.ts';

export { HarError } from './har.ts';
export { createJudge, findingLine, type Finding } from './judge.ts';
export { LIVE_REPORTERS, type LiveReport } from './report.ts';
export { startProxy, REPORT_PATH, type RunningProxy } from './proxy.ts';
export { createKeyring, toLiveExchange, type WireExchange } from './traffic.ts';

let contracts: Promise<Contracts> | undefined;
export function loadLiveContracts(): Promise<Contracts> {
  contracts ??= Promise.all([loadContract(), loadContract(CONTROL_SPEC_PATH)]).then(([pub, control]) => ({
    public: pub,
    control,
  }));
  return contracts;
}

/** Judges a HAR file's text in file order (throws HarError when it is not a usable HAR). */
export async function auditHar(
  text: string,
  source: string,
  onFinding?: (finding: Finding) => void,
): Promise<LiveReport> {
  const started = performance.now();
  const startedAt = new Date();
  const wire = parseHar(text);
  const judge = createJudge(await loadLiveContracts(), onFinding);
  const keyring = createKeyring();
  for (const w of wire) judge.see(toLiveExchange(w, keyring));
  return buildLiveReport(
    'audit',
    source,
    judge.findings,
    judge.exchanges,
    startedAt,
    Math.round(performance.now() - started),
  );
}
