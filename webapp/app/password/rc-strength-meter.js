import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { send } from '../core/api.js';

const WORDS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

/** A live estimate of a password's strength from the service's estimator, with its advice. */
export class RcStrengthMeter extends RcElement {
  static properties = { password: {}, userInputs: { type: Array }, quiet: { type: Boolean }, estimate: { state: true }, unavailable: { state: true } };

  static styles = [RcElement.styles, css`
    .meter { display: flex; align-items: center; gap: 0.6rem; flex-wrap: wrap; font-size: 0.9rem; }
    meter { width: 12rem; max-width: 100%; height: 0.9rem; }
    .verdict { font-weight: 700; }
    .verdict.strong { color: var(--rc-ok); }
    .verdict.weak { color: var(--rc-danger); }
    ul { margin: 0.25rem 0 0; padding-left: 1.2rem; font-size: 0.9rem; }
  `];

  constructor() {
    super();
    this.password = '';
    this.userInputs = [];
    this.estimate = null;
    this.asked = 0;
  }

  updated(changed) {
    if (changed.has('password')) this.#ask();
  }

  render() {
    if (this.unavailable) return html`<p class="hint">The strength estimate is unavailable; the service still checks the password.</p>`;
    if (!this.password) return html`<p class="hint" aria-live="polite">At least 12 characters, hard to guess: a few unrelated words work well.</p>`;
    const estimate = this.estimate;
    return html`<div aria-live="polite" data-strength=${estimate ? estimate.score : ''}>
      <div class="meter">
        <label for="meter" class="hint">Strength</label>
        <meter id="meter" min="0" max="4" low="2" high="3" optimum="4" value=${estimate ? estimate.score : 0}></meter>
        ${estimate ? html`<span class="verdict ${estimate.strong ? 'strong' : 'weak'}">
          ${WORDS[estimate.score]}${estimate.strong ? ': accepted' : ': not accepted'}</span>` : ''}
      </div>
      ${estimate ? this.#advice(estimate) : ''}
    </div>`;
  }

  #advice(estimate) {
    const advice = [];
    if (this.password.length < 12) advice.push('Use at least 12 characters.');
    if (estimate.feedback?.warning) advice.push(estimate.feedback.warning);
    advice.push(...(estimate.feedback?.suggestions || []));
    if (!advice.length || estimate.strong || this.quiet) return '';
    return html`<ul class="advice">${advice.map((line) => html`<li>${line}</li>`)}</ul>`;
  }

  /** Asks after a short pause in typing; an answer for an older password is ignored. */
  #ask() {
    clearTimeout(this.timer);
    if (!this.password) {
      this.estimate = null;
      return;
    }
    const mine = ++this.asked;
    this.timer = setTimeout(async () => {
      try {
        const estimate = await send('POST', '/api/password-strength', {
          password: this.password, userInputs: this.userInputs.filter(Boolean).slice(0, 10),
        });
        if (mine === this.asked) this.estimate = estimate;
      } catch (error) {
        if (error.status !== 401) this.unavailable = true;
      }
    }, 250);
  }
}

customElements.define('rc-strength-meter', RcStrengthMeter);
