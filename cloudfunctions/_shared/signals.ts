import { db, _ } from './cloud';
import { updated } from './db';

/**
 * Tell a user's open clients that something changed for them. The signal carries no data:
 * clients re-read through functions, so every permission check stays in one place.
 * weapp watches `signals/<openid>`; the emulator relays the same document over SSE.
 */
export async function signal(openid: string, kind: string): Promise<void> {
  const bump = () => db.collection('signals').where({ _id: openid }).update({ data: { seq: _.inc(1), kinds: [kind], at: db.serverDate() } });
  if ((await updated(bump())) === 0) {
    try {
      await db.collection('signals').add({ data: { _id: openid, _openid: openid, seq: 1, kinds: [kind], at: db.serverDate() } });
    } catch {
      // Created by a concurrent signal in between.
      await bump();
    }
  }
}
