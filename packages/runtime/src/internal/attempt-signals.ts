/** How many attempts share one controller before it is replaced (see {@link AttemptSignals}). */
const SHARED_USES = 100;

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
 * listeners a fetch implementation leaves on a signal until its request is collected stay few.
 */
export class AttemptSignals {
  #callsInFlight = 0;
  #shared: AbortController | undefined;
  #uses = 0;

  /** A call of the client starts; until {@link callEnded}, its attempts may borrow the shared controller. */
  callStarted(): void {
    this.#callsInFlight++;
  }

  /** The call has ended: its response body is read, or it failed. */
  callEnded(): void {
    this.#callsInFlight--;
  }

  /** The controller for the next attempt; `ownBody` when the call hands its response body to the caller unread. */
  controllerFor(ownBody: boolean): AbortController {
    if (this.#callsInFlight !== 1 || ownBody) return new AbortController();
    if (this.#shared === undefined || this.#shared.signal.aborted || ++this.#uses > SHARED_USES) {
      this.#shared = new AbortController();
      this.#uses = 1;
    }
    return this.#shared;
  }
}
