import { Injectable } from '@nestjs/common';

/** What an agent answers for a job: printed, or why not. */
export interface AgentAck {
  ok: boolean;
  error?: string;
}

/** The payload an agent receives as `print.job`. */
export interface AgentJob {
  jobId: string;
  printerId: string;
  /** The ESC/POS bytes, base64. */
  bytes: string;
}

/** One connected print agent: sends a job and resolves with its acknowledgement (rejects on timeout). */
export interface AgentConnection {
  readonly keyId: string;
  send(job: AgentJob, timeoutMs: number): Promise<AgentAck>;
}

/**
 * The print agents connected to this instance, by the printers they serve. An agent printer's jobs are sent by the
 * instance its agent is connected to; with several agents for one printer, the first connected gets them.
 */
@Injectable()
export class PrintAgents {
  private readonly byPrinter = new Map<string, AgentConnection[]>();

  connected(connection: AgentConnection, printerIds: readonly string[]): void {
    for (const printerId of printerIds) {
      this.byPrinter.set(printerId, [...(this.byPrinter.get(printerId) ?? []), connection]);
    }
  }

  disconnected(connection: AgentConnection): void {
    for (const [printerId, connections] of this.byPrinter) {
      const left = connections.filter((one) => one !== connection);
      if (left.length > 0) this.byPrinter.set(printerId, left);
      else this.byPrinter.delete(printerId);
    }
  }

  /** The agent that prints for this printer here, or null when none is connected to this instance. */
  agentOf(printerId: string): AgentConnection | null {
    return this.byPrinter.get(printerId)?.[0] ?? null;
  }

  /** The printers some agent serves here. */
  get printerIds(): string[] {
    return [...this.byPrinter.keys()];
  }
}
