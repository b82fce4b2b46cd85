import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { getJson, withQuery } from '../core/api.js';
import { isMissingFeature } from '../core/messages.js';

const DAY = 86_400_000;
const MAX_DAYS = 31;

/**
 * Dialog logs as CSV: pick a project and a time range; the download is a plain link, so the browser
 * streams the file itself (the session cookie authenticates it) and shows its progress.
 */
export class RcLogsPage extends RcElement {
  static properties = { projects: { state: true }, error: { state: true }, project: { state: true },
    from: { state: true }, to: { state: true }, raw: { state: true } };

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
  }

  connectedCallback() {
    super.connectedCallback();
    getJson('/api/projects').then((projects) => {
      this.projects = projects;
      this.project = projects[0]?.id;
    }).catch((error) => { this.error = error; });
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
      ${problem ? html`<button class="primary" disabled>Download CSV</button>` : html`<a class="button primary" download
        href=${withQuery(`/api/projects/${encodeURIComponent(this.project)}/dialog-logs.csv`, {
          from: new Date(this.from).toISOString(), to: new Date(this.to).toISOString(), raw: this.raw })}>Download CSV</a>`}
      <p class="hint">The file streams straight into your browser's downloads, which count the bytes received.</p>
    </form>`;
  }

  #rangeProblem() {
    if (!this.from || !this.to) return 'Choose both times.';
    const span = new Date(this.to) - new Date(this.from);
    if (span <= 0) return '"Until" must be after "From".';
    if (span > MAX_DAYS * DAY) return `At most ${MAX_DAYS} days at a time.`;
    return '';
  }
}

function local(date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

customElements.define('rc-logs-page', RcLogsPage);
