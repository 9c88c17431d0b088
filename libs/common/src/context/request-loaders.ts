import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from './request-context.js';

const LOADERS = Symbol('request loaders');

/** Loads many keys at once; answers in the keys' order, an Error for a key it cannot load. */
export type BatchLoad<K, V> = (keys: readonly K[]) => Promise<readonly (V | Error)[]>;

/**
 * Batching for GraphQL field resolvers: the loads one request makes in the same tick (a list's
 * `score` per item, say) become one call of the batch function. One loader per request, name
 * and tenant, so a child context for another tenant never shares one. Nothing is cached: a
 * mutation later in the same request must read what is there then.
 */
@Injectable()
export class RequestLoaders {
  constructor(private readonly context: RequestContext) {}

  load<K, V>(name: string, batch: BatchLoad<K, V>, key: K): Promise<V> {
    return this.loader(name, batch).load(key);
  }

  private loader<K, V>(name: string, batch: BatchLoad<K, V>): DataLoader<K, V> {
    // Outside any context (a script, a unit test) there is nothing to batch with.
    if (!this.context.active) return new DataLoader<K, V>(batch, { cache: false });
    let loaders = this.context.get<Map<string, unknown>>(LOADERS);
    if (!loaders) {
      loaders = new Map<string, unknown>();
      this.context.set(LOADERS, loaders);
    }
    const slot = `${name}:${this.context.tenantId}`;
    let loader = loaders.get(slot) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { cache: false });
      loaders.set(slot, loader);
    }
    return loader;
  }
}
