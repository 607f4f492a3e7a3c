// `npm run bench -- proxy`: GET throughput through the semantic proxy against the same GET sent
// straight to the reference server, in the same run, round after round (the ratio is what counts
// on a shared machine). After the load the proxy's report must hold every exchange, judged, with
// no finding: a proxy that kept up by not judging would measure nothing.
import { formatLoad, load, loadSettingsFromEnv, startTarget, type LoadResult, type LoadSettings } from './http.ts';

const AUTH = { authorization: 'Bearer sk_test_alpha' };
export const PROXY_TARGET = 0.75;

export interface ProxyBench {
  settings: LoadSettings & { rounds: number };
  direct: LoadResult;
  proxied: LoadResult;
  /** Median of the per-round ratios proxied/direct. */
  ratio: number;
  rounds: { direct: number; proxied: number; ratio: number }[];
  judged: { exchanges: number; findings: number; requestsSent: number };
  target: number;
  met: boolean;
}

export async function runProxyBench(): Promise<ProxyBench> {
  const { rounds: roundCount, ...settings } = loadSettingsFromEnv();
  console.log(
    `Proxy: ${settings.connections} connections, ${settings.durationSeconds} s per load, ${roundCount} rounds of (direct, through the proxy)\n`,
  );
  const reference = await startTarget('./targets/reference.ts');
  const proxy = await startTarget('./targets/proxy.ts', [reference.ready.url]);
  const lines: { direct: LoadResult; proxied: LoadResult }[] = [];
  try {
    const path = reference.ready.get!;
    for (const url of [reference.ready.url, proxy.ready.url]) {
      const answer = await fetch(url + path, { headers: AUTH });
      if (answer.status !== 200) throw new Error(`GET ${url}${path} answered ${answer.status}`);
    }
    for (let round = 1; round <= roundCount; round++) {
      const s = round === 1 ? settings : { ...settings, warmupSeconds: 0 };
      const line = {
        direct: await load('direct: reference GET of a 20-child suite', reference.ready.url + path, 'GET', AUTH, s),
        proxied: await load('through the proxy, every exchange judged', proxy.ready.url + path, 'GET', AUTH, s),
      };
      console.log(`round ${round}`);
      console.log(formatLoad(line.direct));
      console.log(formatLoad(line.proxied));
      lines.push(line);
    }
    const report = (await (await fetch(`${proxy.ready.url}/_proxy/report`)).json()) as {
      exchanges: number;
      findings: unknown[];
    };
    const sent = lines.reduce((n, l) => n + l.proxied.requests, 0);
    const rounds = lines.map((l) => ({
      direct: l.direct.requestsPerSecond,
      proxied: l.proxied.requestsPerSecond,
      ratio: Math.round((l.proxied.requestsPerSecond / l.direct.requestsPerSecond) * 100) / 100,
    }));
    const ratio = [...rounds.map((r) => r.ratio)].sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!;
    const median = (pick: (l: { direct: LoadResult; proxied: LoadResult }) => LoadResult) =>
      [...lines.map(pick)].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(lines.length / 2)]!;
    const result: ProxyBench = {
      settings: { ...settings, rounds: roundCount },
      direct: median((l) => l.direct),
      proxied: median((l) => l.proxied),
      ratio,
      rounds,
      judged: { exchanges: report.exchanges, findings: report.findings.length, requestsSent: sent },
      target: PROXY_TARGET,
      met: ratio >= PROXY_TARGET,
    };
    console.log(
      `\n  proxied/direct = ${ratio} (target >= ${PROXY_TARGET}: ${result.met ? 'met' : 'MISSED'}); judged ${report.exchanges} exchanges (warm-up and checks included), ${report.findings.length} findings\n`,
    );
    return result;
  } finally {
    await proxy.stop();
    await reference.stop();
  }
}
