/** How many attempts share one controller before it is replaced (see {@link attemptSignals}). */
const SHARED_USES = 8;

/** Where the attempts of one client get the controller behind the signal they give fetch. */
export interface AttemptSignals {
  /** A call of the client starts; until {@link callEnded}, its attempts may borrow the shared controller. */
  callStarted(): void;
  /** The call has ended: its response body is read, or it failed. */
  callEnded(): void;
  /** The controller for the next attempt; `ownBody` when the call hands its response body to the caller unread. */
  controllerFor(ownBody: boolean): AbortController;
}

/**
 * The `AbortController` behind the signal each attempt of one client gives fetch, which its
 * timeout and the caller's abort end it with.
 *
 * Creating an AbortController is the largest single cost of a call on Node 20 (a few µs), and
 * most calls never abort. So an attempt made while its call is the client's only call in flight
 * borrows one shared controller: aborting it can reach no other request, because every call that
 * used it before has ended, its body read. Calls made in parallel, and calls whose body the
 * caller streams (which outlives the call), get a controller of their own. The shared
 * controller is replaced once it has aborted, and after {@link SHARED_USES} attempts, so that the
 * listeners a fetch implementation leaves on a signal until its request is collected stay few:
 * undici lists them all each time it is given the signal again (Node's `getEventListeners`), which
 * over loopback cost more than the controllers sharing saved, with 100 uses.
 */
export function attemptSignals(): AttemptSignals {
  let callsInFlight = 0;
  let shared: AbortController | undefined;
  let uses = 0;
  return {
    callStarted: () => void callsInFlight++,
    callEnded: () => void callsInFlight--,
    controllerFor(ownBody) {
      if (callsInFlight !== 1 || ownBody) return new AbortController();
      if (shared === undefined || shared.signal.aborted || ++uses > SHARED_USES) {
        shared = new AbortController();
        uses = 1;
      }
      return shared;
    },
  };
}
