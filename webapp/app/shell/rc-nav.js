import { html, css } from 'lit';
import { RcElement } from '../core/rc-element.js';
import { session } from '../core/session.js';
import { NAV, routeNamed } from '../core/router.js';

/** The screens the logged-in user's permissions allow, and only those. */
export class RcNav extends RcElement {
  static properties = { current: {} };

  static styles = [RcElement.styles, css`
    ul { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
    a { display: inline-block; padding: 0.45rem 0.6rem; border-radius: 6px; color: inherit; text-decoration: none; font-weight: 600; }
    a:hover { background: var(--rc-accent-soft); }
    @media (max-width: 46rem) { ul { flex-direction: column; } a { display: block; } }
    a[aria-current='page'] { background: var(--rc-accent-soft); color: var(--rc-link); box-shadow: inset 0 -3px 0 var(--rc-accent); }
  `];

  render() {
    const allowed = NAV.map(routeNamed).filter((route) => session.can(...route.needs));
    return html`<nav aria-label="Main"><ul>
      ${allowed.map((route) => html`<li>
        <a href=${route.path} aria-current=${this.#isCurrent(route) ? 'page' : 'false'}>${route.title}</a>
      </li>`)}
    </ul></nav>`;
  }

  #isCurrent(route) {
    return this.current === route.name || (route.name === 'users' && this.current?.startsWith('user'))
      || (route.name === 'projects' && this.current?.startsWith('project'));
  }
}

customElements.define('rc-nav', RcNav);
