/**
 * Shares a key's version reads among concurrent verifications, without ever
 * answering one from a read that began before it asked: a caller that comes
 * while a read is in flight waits for the next read, which starts when that
 * one ends and serves everyone who came meanwhile. So a warm key under load
 * costs one read per store round trip, not one per request, and a change the
 * store held when a request arrived is still seen by that request (what
 * VERIFY_CONFIRMS_READ_MODEL promises). A failed read fails its callers only.
 */
export function freshReads(read: (keyId: string) => Promise<number>): (keyId: string) => Promise<number> {
  interface Slot {
    running: Promise<number>;
    queued: Promise<number> | null;
  }
  const slots = new Map<string, Slot>();
  const start = (keyId: string): Promise<number> => {
    const slot: Slot = { running: read(keyId), queued: null };
    slots.set(keyId, slot);
    const settle = () => {
      if (slots.get(keyId) === slot && slot.queued === null) slots.delete(keyId);
    };
    slot.running.then(settle, settle);
    return slot.running;
  };
  return (keyId) => {
    const slot = slots.get(keyId);
    if (slot === undefined) return start(keyId);
    if (slot.queued === null) {
      const next = () => start(keyId);
      slot.queued = slot.running.then(next, next);
    }
    return slot.queued;
  };
}
