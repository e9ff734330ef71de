/**
 * Runs reads one after another: inside a transaction every query goes to its one connection, where `Promise.all`
 * gains nothing (pg queues them) and pg 9 will refuse a query sent while another runs ("Calling client.query() when
 * the client is already executing a query is deprecated"). The answers come back in order, typed like Promise.all's.
 */
export async function oneByOne<T extends unknown[]>(tasks: { [K in keyof T]: () => PromiseLike<T[K]> }): Promise<T> {
  const out: unknown[] = [];
  for (const task of tasks as (() => unknown)[]) out.push(await task());
  return out as T;
}
