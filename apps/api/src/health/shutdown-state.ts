import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/** Flips readiness to 503 as soon as shutdown starts, so load balancers stop sending traffic. */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private shuttingDown = false;

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}
