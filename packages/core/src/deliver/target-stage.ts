import type { QueueAccount } from './queue-account.js';
import { DONE, type Delivery, type DeliveryStage, type Outcome } from './stage.js';
import type { DeliveryAnswer, HandlerTarget } from './target.js';

/** Batches that crashed their thread twice are dropped, not retried forever. */
const MAX_CRASHES = 2;
const PERMANENT = 'SPINEL_DELIVERY_PERMANENT';

interface Pending {
  delivery: Delivery;
  answer: (outcome: Outcome) => void;
  /** Times the handler's thread died under this delivery. */
  crashes: number;
}

/**
 * The last stage: hands a delivery to the handler's thread and turns its answer into an outcome.
 * A refusal for good is dropped here; a thread that dies under a delivery gets it again, first,
 * once restarted ({@link resume}), and a second death drops it.
 */
export class TargetStage implements DeliveryStage {
  onReady = (): void => {};
  private inFlight = false;
  /** A delivery whose thread died under it, waiting for the restarted thread. */
  private crashed: Pending | undefined;

  constructor(
    private readonly target: HandlerTarget,
    private readonly account: QueueAccount,
  ) {}

  get ready(): boolean {
    return !this.inFlight && this.crashed === undefined && this.target.isReady;
  }

  push(delivery: Delivery, answer: (outcome: Outcome) => void): void {
    this.send({ delivery, answer, crashes: 0 });
  }

  /** The thread is (again) ready: a delivery that crashed it goes first, else the stages before send. */
  resume(): void {
    if (this.inFlight || !this.target.isReady) return;
    const crashed = this.crashed;
    this.crashed = undefined;
    if (crashed) this.send(crashed);
    else this.onReady();
  }

  drain(): void {}

  stop(): void {}

  private send(pending: Pending): void {
    this.inFlight = true;
    this.target.deliver(this.account.handler, pending.delivery.batches).then(
      (answer) => this.answered(pending, answer),
      (error: unknown) => this.lost(pending, error),
    );
  }

  private answered(pending: Pending, answer: DeliveryAnswer): void {
    this.inFlight = false;
    const { stats, handler } = this.account;
    stats.last_write_duration_ms = answer.durationMs;
    const { error } = answer;
    if (!error) {
      this.account.delivered(pending.delivery.samples);
      pending.answer(DONE);
      return;
    }
    stats.errors++;
    if (error.code === PERMANENT) {
      this.account.drop(pending.delivery.samples, `refused a batch for good (${error.message.split('\n')[0]})`, 'refused');
      pending.answer(DONE);
      return;
    }
    this.account.errors.error(`process:${handler}`, `handler ${handler} failed a batch of ${pending.delivery.samples} samples: ${error.message}; retrying`, {
      stack: error.stack,
    });
    pending.answer({ kind: 'failed', retryAfterMs: error.retryAfterMs, handedOver: 0 });
  }

  private lost(pending: Pending, error: unknown): void {
    this.inFlight = false;
    const { stats, handler } = this.account;
    stats.errors++;
    pending.crashes++;
    this.account.errors.error(`lost:${handler}`, `handler ${handler}: ${error instanceof Error ? error.message : String(error)}`);
    if (pending.crashes < MAX_CRASHES) {
      this.crashed = pending;
      this.resume();
      return;
    }
    this.account.drop(pending.delivery.samples, 'worker died twice under the same batch', 'worker_crash');
    pending.answer(DONE);
  }
}
