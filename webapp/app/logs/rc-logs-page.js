import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { ApiError, getJson, withQuery } from '../core/api.js';
import { isMissingFeature } from '../core/messages.js';

const DAY = 86_400_000;
const MAX_DAYS = 31;

const CHANNEL = 'rolecall-downloads';

/**
 * Dialog logs as CSV: pick a project and a time range; the download is a plain link, so the browser
 * streams the file itself (the session cookie authenticates it). Where service workers work,
 * /download-sw.js passes the file through and counts it: each link carries a download id, and the
 * worker posts {downloadId, bytes, done} (or {downloadId, error}) on the 'rolecall-downloads'
 * BroadcastChannel, which this page shows. Without one, the link still downloads, uncounted.
 * While counting, the link has no download attribute: Chromium does not route an <a download>
 * through the worker (the browser test found so), but it does a navigation. The answer's
 * Content-Disposition still makes it a download, and a refused one is answered 204 by the worker,
 * so the page stays and shows the problem.
 */
export class RcLogsPage extends RcElement {
  static properties = { projects: { state: true }, error: { state: true }, project: { state: true },
    from: { state: true }, to: { state: true }, raw: { state: true }, counting: { state: true },
    downloadId: { state: true }, progress: { state: true } };

  static styles = [RcElement.styles, css`
    form { max-width: 40rem; }
    .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0 1rem; }
    select, input[type='datetime-local'] { width: 100%; }
  `];

  constructor() {
    super();
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    this.from = local(new Date(midnight.getTime() - DAY));
    this.to = local(midnight);
    this.raw = false;
    this.counting = false;
    this.downloadId = newId();
    this.progress = null;
  }

  connectedCallback() {
    super.connectedCallback();
    getJson('/api/projects').then((projects) => {
      this.projects = projects;
      this.project = projects[0]?.id;
    }).catch((error) => { this.error = error; });
    this.#watchDownloads();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.channel?.close();
    this.channel = null;
    navigator.serviceWorker?.removeEventListener('controllerchange', this.#controlled);
  }

  /** Registers the counting worker; counts only once it controls this page (and BroadcastChannel exists). */
  #watchDownloads() {
    if (!('serviceWorker' in navigator) || typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(CHANNEL);
    this.channel.onmessage = (event) => this.#heard(event.data);
    navigator.serviceWorker.addEventListener('controllerchange', this.#controlled);
    this.#controlled();
    navigator.serviceWorker.register('/download-sw.js', { scope: '/' }).catch(() => { this.counting = false; });
  }

  #controlled = () => { this.counting = !!navigator.serviceWorker.controller; };

  #heard(message) {
    if (!message || !this.progress || message.downloadId !== this.progress.id) return;
    if (message.error) {
      const error = new ApiError(message.error.status, message.error.problem || {});
      this.progress = { ...this.progress, error };
      // As the app's own requests do: the shell takes an ended session to the login.
      if (error.status === 401) window.dispatchEvent(new CustomEvent('rc-session-ended'));
    } else {
      this.progress = { ...this.progress, bytes: Math.max(this.progress.bytes, message.bytes || 0),
        done: !!message.done };
    }
  }

  #started() {
    if (!this.counting) return;
    this.progress = { id: this.downloadId, bytes: 0, done: false, error: null };
    // The browser follows the link as it is now; the next download gets its own id.
    setTimeout(() => { this.downloadId = newId(); });
  }

  render() {
    return html`<h1 tabindex="-1">Dialog logs</h1>
      <p class="muted">Download a project's dialog logs as CSV, with the account's obfuscation rules applied.</p>
      ${this.error && isMissingFeature(this.error)
        ? html`<div class="banner warn" role="status"><p>Dialog log downloads are not available on this server yet.</p></div>`
        : this.error ? this.problemBanner(this.error) : this.#form()}`;
  }

  #form() {
    if (!this.projects) return this.waiting('projects');
    if (!this.projects.length) return html`<p class="empty">The account has no projects yet.</p>`;
    const problem = this.#rangeProblem();
    return html`<form class="card" @submit=${(e) => e.preventDefault()} aria-label="Download dialog logs">
      <div class="field"><label for="project">Project</label>
        <select id="project" @change=${(e) => { this.project = e.target.value; }}>
          ${this.projects.map((project) => html`<option value=${project.id} ?selected=${project.id === this.project}>${project.name}</option>`)}
        </select></div>
      <div class="row">
        <div class="field"><label for="from">From (inclusive)</label>
          <input id="from" type="datetime-local" .value=${this.from} @input=${(e) => { this.from = e.target.value; }}></div>
        <div class="field"><label for="to">Until (exclusive)</label>
          <input id="to" type="datetime-local" .value=${this.to} aria-describedby="range-error" aria-invalid=${problem ? 'true' : 'false'}
            @input=${(e) => { this.to = e.target.value; }}>${this.fieldError('range', problem)}</div>
      </div>
      <p class="field"><label class="switch"><input type="checkbox" role="switch" .checked=${this.raw} aria-describedby="raw-hint"
        @change=${(e) => { this.raw = e.target.checked; }}> Raw cells</label>
        <span class="hint" id="raw-hint">Leaves cells starting with = + - @ as they are (for scripts, not spreadsheets).</span></p>
      ${problem ? html`<button class="primary" disabled>Download CSV</button>` : html`<a class="button primary" ?download=${!this.counting}
        id="download" @click=${() => this.#started()}
        href=${withQuery(`/api/projects/${encodeURIComponent(this.project)}/dialog-logs.csv`, {
          from: new Date(this.from).toISOString(), to: new Date(this.to).toISOString(), raw: this.raw,
          download: this.counting ? this.downloadId : undefined })}>Download CSV</a>`}
      <p class="hint" id="counting" data-counting=${this.counting ? 'yes' : 'no'}>${this.counting
        ? 'The file streams straight into your browser\'s downloads; the bytes received show here.'
        : 'The file streams straight into your browser\'s downloads, which count the bytes received.'}</p>
      ${this.#progress()}
    </form>`;
  }

  #progress() {
    const progress = this.progress;
    if (!progress) return '';
    if (progress.error) return this.problemBanner(progress.error);
    return html`<p class="banner ${progress.done ? 'ok' : ''}" role="status" id="progress" data-bytes=${progress.bytes}
      data-done=${progress.done ? 'yes' : 'no'}>${progress.done ? 'Done: ' : ''}${bytesText(progress.bytes)} received${
        progress.done ? '.' : '…'}</p>`;
  }

  #rangeProblem() {
    if (!this.from || !this.to) return 'Choose both times.';
    const span = new Date(this.to) - new Date(this.from);
    if (span <= 0) return '"Until" must be after "From".';
    if (span > MAX_DAYS * DAY) return `At most ${MAX_DAYS} days at a time.`;
    return '';
  }
}

function newId() {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

const NUMBER = new Intl.NumberFormat();
const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** "812 bytes", "1.2 MB (1,234,567 bytes)". */
function bytesText(bytes) {
  if (bytes < 1000) return `${NUMBER.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]} (${NUMBER.format(bytes)} bytes)`;
}

function local(date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

customElements.define('rc-logs-page', RcLogsPage);
