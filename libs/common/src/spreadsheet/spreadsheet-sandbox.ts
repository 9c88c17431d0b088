import { Worker } from 'node:worker_threads';
import { Semaphore } from 'async-mutex';
import { ArchiveRejectedError } from '../zip/archive.errors.js';
import { inspectZip } from '../zip/inspect-zip.js';
import type {
  SpreadsheetLimits,
  SpreadsheetSandboxSettings,
  SpreadsheetShape,
} from './spreadsheet-limits.js';
import { type SpreadsheetSnapshot, SpreadsheetView } from './spreadsheet-snapshot.js';
import type { SpreadsheetJob, SpreadsheetReply } from './spreadsheet-worker.protocol.js';
import { spreadsheetWorkerUrl } from './spreadsheet-worker-url.js';
import { SpreadsheetRejectedError } from './spreadsheet.errors.js';
import { spreadsheetPartWatchers } from './xml-part-watcher.js';

const TOO_COMPLEX =
  'The workbook is too large or complex to read safely; split it into smaller files.';

/**
 * Reads untrusted XLSX uploads so that no file can take the API down. First the ZIP guard
 * streams every part through the caps (sizes, ratio, entry count, text and tag lengths, rows,
 * cells) in this thread, holding one chunk at a time. Only then does exceljs parse the file, in
 * a worker thread with its own heap limit and a deadline: running out of memory or time ends
 * that worker and becomes a SpreadsheetRejectedError. At most `concurrency` workers run at once.
 */
export class SpreadsheetSandbox {
  private readonly slots: Semaphore;

  constructor(private readonly settings: SpreadsheetSandboxSettings) {
    this.slots = new Semaphore(settings.concurrency);
  }

  /** Throws ArchiveRejectedError or SpreadsheetRejectedError, with a plain message. */
  async read(content: Buffer, shape: SpreadsheetShape): Promise<SpreadsheetView> {
    const limits: SpreadsheetLimits = { ...shape, maxCellChars: this.settings.maxCellChars };
    await inspectZip(content, this.settings.zip, spreadsheetPartWatchers(limits));
    const snapshot = await this.slots.runExclusive(() => this.parseInWorker(content, limits));
    return new SpreadsheetView(snapshot);
  }

  private parseInWorker(content: Buffer, limits: SpreadsheetLimits): Promise<SpreadsheetSnapshot> {
    const bytes = new Uint8Array(content);
    const job: SpreadsheetJob = {
      content: bytes,
      maxCellChars: limits.maxCellChars,
      maxCells: limits.maxCells,
      maxTextChars: this.settings.zip.maxTotalBytes,
    };
    const heap = this.settings.workerHeapMb;
    const worker = new Worker(spreadsheetWorkerUrl(), {
      workerData: job,
      transferList: [bytes.buffer],
      resourceLimits: {
        maxOldGenerationSizeMb: heap,
        maxYoungGenerationSizeMb: Math.max(4, Math.floor(heap / 8)),
      },
    });
    return new Promise<SpreadsheetSnapshot>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        outcome();
        void worker.terminate();
      };
      const deadline = setTimeout(
        () => settle(() => reject(new SpreadsheetRejectedError(TOO_COMPLEX))),
        this.settings.timeoutMs,
      );
      worker.once('message', (reply: SpreadsheetReply) =>
        settle(() =>
          reply.ok ? resolve(reply.snapshot) : reject(new SpreadsheetRejectedError(reply.message)),
        ),
      );
      // ERR_WORKER_OUT_OF_MEMORY, or anything else that ended the thread without an answer.
      worker.on('error', () => settle(() => reject(new SpreadsheetRejectedError(TOO_COMPLEX))));
      worker.once('exit', () => settle(() => reject(new SpreadsheetRejectedError(TOO_COMPLEX))));
    });
  }
}

/** Whether an error is the sandbox refusing a file (its message is for the uploader). */
export function isSpreadsheetRefusal(
  error: unknown,
): error is ArchiveRejectedError | SpreadsheetRejectedError {
  return error instanceof ArchiveRejectedError || error instanceof SpreadsheetRejectedError;
}
