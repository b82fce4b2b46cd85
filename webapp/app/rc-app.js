import { html, css } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { RcElement } from './core/rc-element.js';
import { session } from './core/session.js';
import { interceptLinks, match, navigate, NAV, routeNamed } from './core/router.js';
import { pageFor } from './shell/pages.js';
import './shell/rc-nav.js';
import './shell/rc-status-page.js';
import './auth/rc-login.js';

/** The application shell: who is logged in, the navigation their permissions allow, and the page of the path. */
export class RcApp extends RcElement {
  static properties = { location: { state: true }, failure: { state: true }, menuOpen: { state: true } };

  static styles = [RcElement.styles, css`
    :host { min-height: 100vh; display: flex; flex-direction: column; }
    .skip { position: absolute; left: 0.5rem; top: -3rem; z-index: 10; background: var(--rc-surface); padding: 0.5rem 1rem; }
    .skip:focus { top: 0.5rem; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.25rem; padding: 0.5rem 1rem;
      background: var(--rc-surface); border-bottom: 1px solid var(--rc-border); }
    .brand { font-weight: 800; font-size: 1.15rem; color: inherit; text-decoration: none; }
    .menu { flex: 1; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.25rem; }
    .menu-toggle { display: none; }
    .me { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; font-size: 0.9rem; margin-left: auto; }
    .who { display: inline-flex; flex-direction: column; line-height: 1.2; font-weight: 600; }
    .who .muted { font-weight: normal; font-size: 0.8rem; max-width: 14rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    main { flex: 1; width: 100%; max-width: 82rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
    main:focus { outline: none; }
    @media (max-width: 46rem) {
      main { padding: 1rem 0.75rem 2rem; }
      header { padding: 0.5rem 0.75rem; }
      .menu-toggle { display: inline-flex; margin-left: auto; }
      .menu { display: none; flex-basis: 100%; flex-direction: column; align-items: stretch; padding-bottom: 0.5rem; }
      .menu.open { display: flex; }
      .me { margin-left: 0; border-top: 1px solid var(--rc-border); padding-top: 0.5rem; }
    }
  `];

  constructor() {
    super();
    this.location = location.pathname;
    this.failure = null;
    session.addEventListener('change', () => this.requestUpdate());
    window.addEventListener('popstate', () => this.#routed());
    window.addEventListener('rc-route', () => this.#routed());
    window.addEventListener('rc-session-ended', () => session.end());
    window.addEventListener('rc-password-change-required', () => session.load());
    interceptLinks(this);
  }

  connectedCallback() {
    super.connectedCallback();
    session.load().catch((error) => { this.failure = error; });
  }

  render() {
    if (this.failure) return html`<main>${this.problemBanner(this.failure)}</main>`;
    if (!session.loaded) return html`<main>${this.waiting('Rolecall')}</main>`;
    if (!session.me) return html`<main id="main"><rc-login .ended=${session.ended}></rc-login></main>`;
    return html`
      <a class="skip" href="#main" @click=${this.#skip}>Skip to content</a>
      <header>
        <a class="brand" href="/">Rolecall</a>
        <button class="menu-toggle" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="menu"
          @click=${() => { this.menuOpen = !this.menuOpen; }}>Menu</button>
        <div id="menu" class="menu ${this.menuOpen ? 'open' : ''}">
          ${session.mustChangePassword ? '' : html`<rc-nav .current=${this.#route()?.route.name}></rc-nav>`}
          ${this.#who()}
        </div>
      </header>
      <main id="main" tabindex="-1">${this.#page()}</main>`;
  }

  updated() {
    const target = this.#route()?.route.name;
    if (session.me && target === 'login') navigate('/', { replace: true });
    if (session.me && session.mustChangePassword && target !== 'password') navigate('/password', { replace: true });
    if (session.me && target === 'home') {
      const first = NAV.map(routeNamed).find((route) => session.can(...route.needs) && route.name !== 'tokens');
      if (first) navigate(first.path, { replace: true });
    }
  }

  #who() {
    const me = session.me;
    return html`<div class="me">
      <span class="who">${me.firstName} ${me.lastName}<span class="muted" title=${me.account.name}>${me.account.name}</span></span>
      ${session.mustChangePassword ? '' : html`<a href="/password">Change password</a>`}
      <button class="link" @click=${this.#logout}>Log out</button>
    </div>`;
  }

  #page() {
    const found = this.#route();
    if (!found) return html`<rc-status-page kind="not-found"></rc-status-page>`;
    if (!session.can(...found.route.needs)) {
      return html`<rc-status-page kind="not-allowed" .needs=${found.route.needs}></rc-status-page>`;
    }
    // A new path is a new page element: /users/a then /users/b must not keep a's state.
    return keyed(this.location, pageFor(found.route.name, found.params));
  }

  #route() {
    return match(this.location);
  }

  #routed() {
    this.location = location.pathname;
    this.menuOpen = false;
    window.scrollTo(0, 0);
    this.updateComplete.then(() => this.renderRoot.querySelector('main')?.focus({ preventScroll: true }));
  }

  #skip(event) {
    event.preventDefault();
    this.renderRoot.querySelector('main')?.focus();
  }

  async #logout() {
    await session.logout().catch(() => {});
    navigate('/login');
  }
}

customElements.define('rc-app', RcApp);
