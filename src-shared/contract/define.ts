import type { z } from 'zod';
import type { Result } from './result';

/** One request/response pair of the contract, checked at run time on both sides of the boundary. */
export interface MethodDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'method';
  readonly summary: string;
  readonly request: Req;
  readonly response: Res;
}

export function method<Req extends z.ZodType, Res extends z.ZodType>(
  summary: string,
  request: Req,
  response: Res,
): MethodDef<Req, Res> {
  return { kind: 'method', summary, request, response };
}

/** One event main pushes to the renderer (progress, state changes). */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly summary: string;
  readonly payload: P;
}

export function event<P extends z.ZodType>(summary: string, payload: P): EventDef<P> {
  return { kind: 'event', summary, payload };
}

export interface ContractTree {
  readonly [key: string]: MethodDef | ContractTree;
}

type Call<Req extends z.ZodType, Res extends z.ZodType> =
  Record<string, never> extends z.input<Req>
    ? (request?: z.input<Req>) => Promise<Result<z.output<Res>>>
    : (request: z.input<Req>) => Promise<Result<z.output<Res>>>;

/** The caller's view of a contract tree: `api.boxes.list()` → `Promise<Result<Box[]>>`. */
export type Api<T> = {
  readonly [K in keyof T]: T[K] extends MethodDef<infer Req, infer Res> ? Call<Req, Res> : Api<T[K]>;
};

/** The implementer's view: one function per method, given the parsed request. */
export type Handlers<T, Ctx> = {
  readonly [K in keyof T]: T[K] extends MethodDef<infer Req, infer Res>
    ? (request: z.output<Req>, ctx: Ctx) => Promise<Result<z.input<Res>>>
    : Handlers<T[K], Ctx>;
};

function isMethod(node: MethodDef | ContractTree): node is MethodDef {
  return (node as MethodDef).kind === 'method' && 'request' in node;
}

/** Flattens a contract tree into `['domain.verb', def]` pairs, the wire names. */
export function listMethods(tree: ContractTree, prefix = ''): Array<[string, MethodDef]> {
  const out: Array<[string, MethodDef]> = [];
  for (const [key, node] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isMethod(node)) out.push([name, node]);
    else out.push(...listMethods(node, name));
  }
  return out;
}
