/**
 * Where `dyno://` links handed to the desktop app go before the window shows them: the OS
 * passes them in argv (Windows, Linux: at launch, or to the running instance through
 * 'second-instance') or through 'open-url' (macOS, possibly before the app is ready). A valid
 * link becomes the studio address it names (shared/deep-link.ts) and is delivered once the
 * window can take it; until then the latest one waits. A refused link is reported in one line
 * and changes nothing. Free of Electron, so it is tested in plain Node; src/main/index.ts wires it.
 */
import { DeepLinkError, deepLinkHash, isDeepLinkArg, parseDeepLink } from '../../shared/deep-link';

export class DeepLinkInbox {
  private waiting: string | undefined;
  private ready = false;

  constructor(
    private readonly deliver: (hash: string) => void,
    private readonly report: (line: string) => void,
  ) {}

  /** A link from 'open-url', or the one found in a launch's argv. */
  receive(raw: string): void {
    let hash: string;
    try {
      hash = deepLinkHash(parseDeepLink(raw));
    } catch (err) {
      if (!(err instanceof DeepLinkError)) throw err;
      this.report(err.message);
      return;
    }
    if (this.ready) this.deliver(hash);
    else this.waiting = hash;
  }

  /** A launch's command line (the first `dyno://` argument, if any: the OS passes at most one). */
  receiveArgv(argv: readonly string[]): void {
    const link = argv.find(isDeepLinkArg);
    if (link !== undefined) this.receive(link);
  }

  /** The window has loaded (or reloaded): hand over what waited, and deliver at once from now on. */
  windowReady(): void {
    this.ready = true;
    if (this.waiting === undefined) return;
    const hash = this.waiting;
    this.waiting = undefined;
    this.deliver(hash);
  }

  /** The window is gone (macOS keeps the app without one): links wait for the next. */
  windowGone(): void {
    this.ready = false;
  }
}
