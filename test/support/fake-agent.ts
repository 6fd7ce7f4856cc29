import { io, Socket } from 'socket.io-client';
import { decodeEscPos } from './escpos-decoder';

export interface ReceivedJob {
  jobId: string;
  printerId: string;
  lines: string[];
}

/**
 * A print agent over socket.io, as scripts/print-agent.js is one: it connects to /print-agents with an API key,
 * records every `print.job` it is handed (a repeat would show as the same jobId twice) and acknowledges it with
 * what `answer` says (ok by default).
 */
export class FakeAgent {
  readonly jobs: ReceivedJob[] = [];
  answer: (job: ReceivedJob) => { ok: boolean; error?: string } = () => ({ ok: true });

  private constructor(readonly socket: Socket) {
    socket.on(
      'print.job',
      (job: { jobId: string; printerId: string; bytes: string }, ack: (reply: unknown) => void) => {
        const received = {
          jobId: job.jobId,
          printerId: job.printerId,
          lines: decodeEscPos(Buffer.from(job.bytes, 'base64'))
            .lines.map((line) => line.trim())
            .filter((line) => line !== ''),
        };
        this.jobs.push(received);
        ack(this.answer(received));
      },
    );
  }

  /** Connects, or rejects with the connect_error message. */
  static connect(url: string, apiKey: string): Promise<FakeAgent> {
    const socket = io(`${url}/print-agents`, {
      auth: { apiKey },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new FakeAgent(socket)));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  async waitFor(count: number, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.jobs.length < count) {
      if (Date.now() > deadline) throw new Error(`Expected ${count} agent jobs, got ${this.jobs.length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    this.socket.close();
  }
}
