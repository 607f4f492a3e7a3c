// Which operation a method and path name. Static segments win over parameters, as in most
// routers: GET /v1/agents/tests/runs/batch is the batch path with the wrong method (405), not
// a test run whose id is "batch". Built from the spec's own path templates; the server, the
// mock and the conformance kit all route through this one table.
import type { OperationInfo } from './index.ts';

interface Route {
  regexp: RegExp;
  names: string[];
  literals: number;
  operations: Map<string, OperationInfo>;
}

export type Resolution =
  | { kind: 'operation'; operation: OperationInfo; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'no-route' };

export interface RouteTable {
  resolve(method: string, path: string): Resolution;
}

export function createRouteTable(operations: readonly OperationInfo[]): RouteTable {
  const byTemplate = new Map<string, Route>();
  for (const operation of operations) {
    let route = byTemplate.get(operation.path);
    if (!route) {
      const names: string[] = [];
      const segments = operation.path.split('/').map((segment) => {
        const param = /^\{(.+)\}$/.exec(segment);
        if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(param[1]!);
        return '([^/]+)';
      });
      const literals = operation.path.split('/').filter((s) => s && !s.startsWith('{')).length;
      route = { regexp: new RegExp(`^${segments.join('/')}$`), names, literals, operations: new Map() };
      byTemplate.set(operation.path, route);
    }
    route.operations.set(operation.method.toUpperCase(), operation);
  }
  const routes = [...byTemplate.values()].sort((a, b) => b.literals - a.literals);

  return {
    resolve(method, path) {
      // Routes are sorted by literal segments, most first: the best matches are the first ones
      // found, and the walk stops at the first route with fewer literals after a match.
      const best: { route: Route; found: RegExpExecArray }[] = [];
      for (const route of routes) {
        if (best.length && route.literals < best[0]!.route.literals) break;
        const found = route.regexp.exec(path);
        if (found) best.push({ route, found });
      }
      if (best.length === 0) return { kind: 'no-route' };
      for (const { route, found } of best) {
        const operation = route.operations.get(method.toUpperCase());
        if (!operation) continue;
        const params = Object.fromEntries(route.names.map((name, i) => [name, found![i + 1]!]));
        return { kind: 'operation', operation, params };
      }
      const allowed = [...new Set(best.flatMap(({ route }) => [...route.operations.keys()]))];
      return { kind: 'wrong-method', allowed };
    },
  };
}
