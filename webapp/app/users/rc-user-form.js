import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { request } from '../core/api.js';
import { session } from '../core/session.js';
import { navigate } from '../core/router.js';
import { checkUser, createUser, fieldErrorsOf, updateUser } from './user-save.js';
import '../password/rc-password-fields.js';
import './rc-role-picker.js';

const EMPTY = { firstName: '', lastName: '', login: '', roles: [], active: true, temporary: false };

/** Adding a user, or changing one (names, login, roles, active); the service's refusals land next to their fields. */
export class RcUserForm extends RcElement {
  static properties = {
    userId: {}, values: { state: true }, errors: { state: true }, problem: { state: true },
    busy: { state: true }, loaded: { state: true },
  };

  static styles = [RcElement.styles, css`
    form { max-width: 52rem; }
    .names { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 1rem; }
    input[type='text'], input[type='email'] { width: 100%; }
    .switches { display: flex; flex-wrap: wrap; gap: 0.75rem 2rem; margin: 0 0 1rem; }
  `];

  constructor() {
    super();
    this.values = { ...EMPTY };
    this.password = { password: '', confirmation: '' };
    this.errors = {};
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.userId) this.#load(); else this.loaded = true;
  }

  render() {
    const isNew = !this.userId;
    const title = isNew ? 'Add user' : 'Edit user';
    if (!this.loaded) {
      const missing = this.problem?.status === 400 || this.problem?.slug === 'not-found';
      return html`<h1 tabindex="-1">${title}</h1>${missing ? html`<div class="banner error" role="alert">
        <p>There is no such user in this account.</p></div>` : this.problem ? this.#problem() : this.waiting('the user')}`;
    }
    return html`<h1 tabindex="-1">${title}</h1>
      <form @submit=${this.#submit} novalidate aria-label=${title}>
        ${this.#problem()}
        <div class="names">
          ${this.#text('firstName', 'First name', 'given-name')}
          ${this.#text('lastName', 'Last name', 'family-name')}
        </div>
        ${this.#text('login', 'Login (email)', 'off', 'email')}
        <rc-role-picker .value=${this.values.roles} .error=${this.errors.roles} ?disabled=${!isNew && !session.can('setUserRoles')}
          @roles-change=${(e) => this.#set({ roles: e.detail })}></rc-role-picker>
        <div class="switches">
          ${this.#switch('active', 'Active', 'An inactive user cannot log in.')}
          ${isNew ? this.#switch('temporary', 'Temporary password', 'They must change it at their first login.') : ''}
        </div>
        ${isNew ? html`<rc-password-fields .errors=${this.errors} @password-input=${this.#passwordTyped}
          .userInputs=${[this.values.firstName, this.values.lastName, this.values.login]}></rc-password-fields>` : ''}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Saving…' : isNew ? 'Add user' : 'Save changes'}</button>
          <a class="button" href=${isNew ? '/users' : `/users/${encodeURIComponent(this.userId)}`}>Cancel</a>
        </div>
      </form>`;
  }

  #text(name, label, autocomplete, type = 'text') {
    const error = this.errors[name];
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input id=${name} name=${name} type=${type} autocomplete=${autocomplete} .value=${this.values[name]}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${`${name}-error`}
        @input=${(e) => this.#set({ [name]: e.target.value })}>
      ${this.fieldError(name, error, name)}
    </div>`;
  }

  #switch(name, label, hint) {
    return html`<div><label class="switch"><input id=${name} type="checkbox" role="switch" .checked=${this.values[name]}
      aria-describedby=${`${name}-hint`} @change=${(e) => this.#set({ [name]: e.target.checked })}> ${label}</label>
      <div class="hint" id=${`${name}-hint`}>${hint}</div></div>`;
  }

  #problem() {
    if (!this.problem) return '';
    if (this.problem === 'fields') return html`<div class="banner error" role="alert"><p>Please correct the marked fields.</p></div>`;
    const reload = this.problem.slug === 'stale'
      ? html`<p><button type="button" @click=${() => this.#load()}>Reload the user</button> (your changes here are dropped)</p>` : '';
    return this.problemBanner(this.problem, reload);
  }

  /** A field being changed loses its error: the message was about the old value. */
  #set(change) {
    this.values = { ...this.values, ...change };
    this.#forget(Object.keys(change));
  }

  #forget(names) {
    if (names.some((name) => this.errors[name])) {
      this.errors = Object.fromEntries(Object.entries(this.errors).filter(([name]) => !names.includes(name)));
    }
  }

  #passwordTyped(event) {
    this.password = event.detail;
    this.#forget(['password', 'confirmation']);
  }

  async #load() {
    this.problem = null;
    this.errors = {};
    try {
      const answer = await request('GET', `/api/users/${encodeURIComponent(this.userId)}`);
      this.before = answer.body;
      this.etag = answer.etag;
      const { firstName, lastName, login, roles, active } = answer.body;
      this.values = { ...EMPTY, firstName, lastName, login, roles, active };
      this.loaded = true;
    } catch (error) {
      this.problem = error;
    }
  }

  async #submit(event) {
    event.preventDefault();
    const isNew = !this.userId;
    this.errors = checkUser(this.values, this.password, isNew);
    this.problem = Object.keys(this.errors).length ? 'fields' : null;
    if (this.problem) return this.#focusError();
    this.busy = true;
    try {
      if (isNew) {
        const user = await createUser(this.values, this.password);
        session.flash(`${user.firstName} ${user.lastName} was added.`);
        navigate(`/users/${encodeURIComponent(user.id)}`);
      } else {
        const { changed } = await updateUser(this.userId, this.before, this.etag, this.values);
        session.flash(changed ? 'Changes saved.' : 'Nothing was changed.');
        navigate(`/users/${encodeURIComponent(this.userId)}`);
      }
    } catch (error) {
      this.errors = fieldErrorsOf(error);
      this.problem = Object.keys(this.errors).length ? 'fields' : error;
      this.#focusError();
    } finally {
      this.busy = false;
    }
  }

  async #focusError() {
    await this.updateComplete;
    const order = ['firstName', 'lastName', 'login', 'roles', 'password', 'confirmation'];
    const first = order.find((name) => this.errors[name]);
    if (first === 'roles') this.renderRoot.querySelector('rc-role-picker').focus();
    else if (first === 'password' || first === 'confirmation') this.renderRoot.querySelector('rc-password-fields').focus();
    else if (first) this.renderRoot.querySelector(`#${first}`).focus();
    else this.renderRoot.querySelector('[role=alert]')?.scrollIntoView({ block: 'center' });
  }
}

customElements.define('rc-user-form', RcUserForm);
