// Transactions as db.runTransaction uses them: start → ordinary actions carrying transactionId
// (staged in a View) → commit (optimistic: conflict when a touched document changed) or abort.
import { randomBytes } from 'node:crypto';
import { DbError } from './errors';
import type { Store } from './store';
import { View } from './view';

interface OpenTransaction {
  view: View;
  expiresAt: number;
}

export class Transactions {
  private readonly open = new Map<string, OpenTransaction>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  start(): string {
    this.sweep();
    const id = randomBytes(16).toString('hex');
    this.open.set(id, { view: new View(this.store, true), expiresAt: this.now() + this.ttlMs });
    return id;
  }

  view(id: string): View {
    const tx = this.open.get(id);
    if (!tx || tx.expiresAt <= this.now()) {
      this.open.delete(id);
      throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${id} does not exist or has expired`);
    }
    return tx.view;
  }

  /** Applies the staged writes atomically, or throws DATABASE_TRANSACTION_CONFLICT (db.runTransaction retries). */
  commit(id: string): void {
    const view = this.view(id);
    this.open.delete(id);
    if (view.conflicts()) {
      throw new DbError('DATABASE_TRANSACTION_CONFLICT', `transaction ${id} conflicts with a concurrent write; retry it`);
    }
    this.store.commit(view.writes());
  }

  /** Discards the staged writes; aborting an unknown or expired transaction is not an error. */
  abort(id: string): void {
    this.open.delete(id);
  }

  /** Forgets transactions whose time is up (their writes were never applied). */
  sweep(): void {
    const now = this.now();
    for (const [id, tx] of this.open) if (tx.expiresAt <= now) this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }
}
