// Reads what the page checks need from a page's final DOM: the links of the main frame, and
// the insecure references and forms of every frame (cross-site iframes and srcdoc frames
// included). Frames are read side by side within the visit's deadline; a frame that cannot
// be read in time, or is too large to parse, is recorded as unread, never skipped silently.
import type { Frame, Page } from '@playwright/test';
import pLimit from 'p-limit';
import type { FormSnapshot, PageLink, ResourceReference } from '../model/evidence.ts';
import { scanDocument } from './page-scan.ts';
import { bounded, type Deadline } from './bounded.ts';
import { firstLine } from '../model/text.ts';

/** Past this size a frame's HTML is not parsed: a hostile page must not stall the run. */
export const MAX_HTML_BYTES = 5_000_000;
/** Frames read per page; a page of 1,000 nested iframes is read in part and says so. */
export const MAX_FRAMES = 50;
const FRAMES_AT_ONCE = 4;

/** A frame (or the page's frame list) that could not be read, and why. */
export interface FrameUnread {
  target: string;
  reason: string;
}

export interface PageRead {
  links: PageLink[];
  insecureReferences: ResourceReference[];
  forms: FormSnapshot[];
  /** Frames whose <meta> Content-Security-Policy asks the browser to upgrade insecure requests. */
  upgradingFrames: string[];
  unread: FrameUnread[];
}

/** The URL a frame's content is judged and resolved under: srcdoc and about:blank frames inherit their parent's. */
function documentUrl(frame: Frame): string | undefined {
  for (let f: Frame | null = frame; f; f = f.parentFrame()) {
    const url = f.url();
    if (url.startsWith('https://') || url.startsWith('http://')) return url;
    if (url !== 'about:srcdoc' && url !== 'about:blank') return undefined; // chrome-error://, data:, blob:...
  }
  return undefined;
}

type FrameRead =
  | { unread: FrameUnread }
  | { frameUrl: string; main: boolean; scan: ReturnType<typeof scanDocument> }
  | undefined;

/** The frame's HTML, or why not: it did not answer in time, or failed (a frame between two documents, say). */
async function frameHtml(
  frame: Frame,
  deadline: Deadline,
  frameMs: number,
): Promise<string | { failed: string; worthRetry: boolean }> {
  const timedOut = {
    failed: `its HTML could not be read within ${frameMs} ms (the renderer did not answer)`,
    worthRetry: false,
  };
  if (deadline.passed) return timedOut;
  // Measured in the page first: a document of tens of megabytes is never carried over to this
  // process, where parsing it would stall every other page's reading.
  const size = await bounded(
    frame.evaluate(() => document.documentElement?.outerHTML.length ?? 0),
    deadline.cap(frameMs),
    undefined,
  );
  if (size === undefined) return timedOut;
  if (size > MAX_HTML_BYTES)
    return {
      failed: `its HTML (${size} characters) is over the ${MAX_HTML_BYTES} limit: not scanned`,
      worthRetry: false,
    };
  return bounded(
    frame
      .content()
      .catch((err: unknown) => ({ failed: `its HTML could not be read: ${firstLine(err)}`, worthRetry: true })),
    deadline.cap(frameMs),
    timedOut,
  );
}

async function readFrame(page: Page, frame: Frame, deadline: Deadline, frameMs: number): Promise<FrameRead> {
  const frameUrl = documentUrl(frame);
  if (!frameUrl) return undefined;
  let html = await frameHtml(frame, deadline, frameMs);
  // A read that failed outright (not one that ran out of time) is tried once more: the frame may
  // have been between two documents, and the next moment it has one.
  if (typeof html !== 'string' && html.worthRetry && !frame.isDetached())
    html = await frameHtml(frame, deadline, frameMs);
  const target = frame.url() === frameUrl ? frameUrl : `${frameUrl} (${frame.url()} frame)`;
  if (typeof html !== 'string') return { unread: { target, reason: html.failed } };
  return { frameUrl, main: frame === page.mainFrame(), scan: scanDocument(html, frameUrl) };
}

export async function readPage(page: Page, deadline: Deadline, frameMs: number): Promise<PageRead> {
  const out: PageRead = { links: [], insecureReferences: [], forms: [], upgradingFrames: [], unread: [] };
  const frames = page.frames().filter((f) => !f.isDetached());
  if (frames.length > MAX_FRAMES) {
    out.unread.push({
      target: page.url(),
      reason: `only the first ${MAX_FRAMES} of its ${frames.length} frames are read`,
    });
  }
  const limit = pLimit(FRAMES_AT_ONCE);
  // Read side by side, merged in frame order so that findings come out in the same order every run.
  const reads = await Promise.all(
    frames.slice(0, MAX_FRAMES).map((frame) => limit(() => readFrame(page, frame, deadline, frameMs))),
  );
  for (const read of reads) {
    if (!read) continue;
    if ('unread' in read) {
      out.unread.push(read.unread);
      continue;
    }
    if (read.main) out.links = read.scan.links;
    // An http page is insecure as a whole; its references are not mixed content.
    if (read.frameUrl.startsWith('https://')) out.insecureReferences.push(...read.scan.insecureReferences);
    out.forms.push(...read.scan.forms);
    if (read.scan.upgradesInsecureRequests) out.upgradingFrames.push(read.frameUrl);
  }
  return out;
}
