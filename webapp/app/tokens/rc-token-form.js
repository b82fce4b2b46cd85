import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { send } from '../core/api.js';
import { session } from '../core/session.js';

const DAY = 86_400_000;

/** Creating an API token: a name, an expiry (at most 366 days ahead), optionally fewer permissions. Reports token-created. */
export class RcTokenForm extends RcElement {
  static properties = { errors: { state: true }, problem: { state: true }, busy: { state: true }, narrow: { state: true } };

  static styles = [RcElement.styles, css`
    form { max-width: 44rem; }
    .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 1rem; }
    input[type='text'], input[type='date'] { width: 100%; }
    .permissions { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.25rem 1rem; }
    .permissions label { display: flex; gap: 0.5rem; align-items: center; font-weight: normal; }
  `];

  constructor() {
    super();
    this.errors = {};
  }

  render() {
    const today = new Date();
    return html`<form class="card" @submit=${this.#submit} novalidate aria-label="New API token">
      <h2>New token</h2>
      ${this.problemBanner(this.problem)}
      <div class="row">
        ${this.#field('name', 'Name', 'text', { placeholder: 'e.g. nightly export' })}
        ${this.#field('expires', 'Expires on', 'date', { value: day(new Date(today.getTime() + 30 * DAY)),
          min: day(new Date(today.getTime() + DAY)), max: day(new Date(today.getTime() + 366 * DAY)) })}
      </div>
      <label class="switch"><input type="checkbox" role="switch" .checked=${!!this.narrow}
        @change=${(e) => { this.narrow = e.target.checked; }}> Only some of my permissions</label>
      ${this.narrow ? html`<fieldset><legend>Permissions of the token</legend><div class="permissions">
        ${session.me.permissions.map((name) => html`<label><input type="checkbox" name="permission" value=${name}> ${name}</label>`)}
      </div>${this.fieldError('permissions', this.errors.permissions)}</fieldset>` : ''}
      <p><button class="primary" type="submit" ?disabled=${this.busy}>Create token</button></p>
    </form>`;
  }

  #field(name, label, type, { placeholder = '', value, min, max } = {}) {
    const error = this.errors[name];
    return html`<div class="field"><label for=${name}>${label}</label>
      <input id=${name} name=${name} type=${type} placeholder=${placeholder} value=${value || ''} min=${min || ''} max=${max || ''}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${`${name}-error`}>
      ${this.fieldError(name, error)}</div>`;
  }

  async #submit(event) {
    event.preventDefault();
    const form = event.target;
    const name = form.elements.namedItem('name').value.trim();
    const expires = form.elements.namedItem('expires').value;
    const permissions = this.narrow ? [...form.querySelectorAll('input[name=permission]:checked')].map((box) => box.value) : null;
    this.errors = {
      ...(name ? {} : { name: 'Give the token a name.' }),
      ...(expires ? {} : { expires: 'Choose an expiry date.' }),
      ...(permissions && !permissions.length ? { permissions: 'Choose at least one permission.' } : {}),
    };
    this.problem = null;
    if (Object.keys(this.errors).length) return;
    this.busy = true;
    try {
      const body = { name, expiresAt: new Date(`${expires}T23:59:59`).toISOString(), ...(permissions ? { permissions } : {}) };
      const token = await send('POST', '/api/me/tokens', body);
      form.reset();
      this.narrow = false;
      this.emit('token-created', token);
    } catch (error) {
      const fields = error.fieldErrors?.() || {};
      this.errors = { ...(fields.name ? { name: fields.name } : {}), ...(fields.expiresAt ? { expires: fields.expiresAt } : {}) };
      if (!Object.keys(this.errors).length) this.problem = error;
    } finally {
      this.busy = false;
    }
  }
}

/** A date as yyyy-mm-dd in local time. */
function day(date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

customElements.define('rc-token-form', RcTokenForm);
