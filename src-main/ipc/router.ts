import {
  contract,
  fail,
  listMethods,
  resultSchema,
  type ContractHandlers,
  type MethodDef,
  type Result,
} from '../../src-shared/contract';

type AnyHandler<Ctx> = (request: unknown, ctx: Ctx) => Promise<Result<unknown>>;

export interface Router<Ctx> {
  /** Every wire name, `domain.verb`. */
  readonly methods: readonly string[];
  has(name: string): boolean;
  /** Validates the request, runs the handler and checks the answer. Never throws. */
  call(name: string, request: unknown, ctx: Ctx): Promise<Result<unknown>>;
}

function lookup<Ctx>(handlers: ContractHandlers<Ctx>, name: string): AnyHandler<Ctx> {
  let node: unknown = handlers;
  for (const part of name.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'function') throw new Error(`No handler for ${name}`);
  return node as AnyHandler<Ctx>;
}

function describeIssues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** The one place requests from any face (IPC, browser mode, CLI) meet the services. */
export function createRouter<Ctx>(
  handlers: ContractHandlers<Ctx>,
  onUnexpected: (name: string, error: unknown) => void = () => {},
): Router<Ctx> {
  const table = new Map<
    string,
    { def: MethodDef; handler: AnyHandler<Ctx>; answer: ReturnType<typeof resultSchema> }
  >();
  for (const [name, def] of listMethods(contract)) {
    table.set(name, { def, handler: lookup(handlers, name), answer: resultSchema(def.response) });
  }
  return {
    methods: [...table.keys()],
    has: (name) => table.has(name),
    async call(name, request, ctx) {
      const entry = table.get(name);
      if (!entry) return fail('not-supported', `Unknown method ${name}.`);
      const parsed = entry.def.request.safeParse(request ?? {});
      if (!parsed.success) return fail('validation', describeIssues(parsed.error), { detail: { method: name } });
      let result: Result<unknown>;
      try {
        result = await entry.handler(parsed.data, ctx);
      } catch (error) {
        onUnexpected(name, error);
        return fail(
          'internal',
          `${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const checked = entry.answer.safeParse(result);
      if (!checked.success) {
        onUnexpected(name, checked.error);
        return fail('internal', `${name} produced an answer that does not match the contract.`);
      }
      return checked.data as Result<unknown>;
    },
  };
}
