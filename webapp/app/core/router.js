/**
 * Routing by History API paths. The service answers index.html for every page path, so a page can be
 * reloaded or linked to directly. Each route names the operations its screen calls, as GET /api/me's `operations` lists them.
 */
export const ROUTES = [
  { path: '/', name: 'home', needs: [] },
  { path: '/login', name: 'login', needs: [] },
  { path: '/users', name: 'users', needs: ['listUsers'], title: 'Users' },
  { path: '/users/new', name: 'user-new', needs: ['createUser'], title: 'Add user' },
  { path: '/users/:id', name: 'user', needs: ['getUser'], title: 'User' },
  { path: '/users/:id/edit', name: 'user-edit', needs: ['getUser', 'updateUser'], title: 'Edit user' },
  { path: '/roles', name: 'roles', needs: ['getUserPermissions'], title: 'Roles' },
  { path: '/audit', name: 'audit', needs: ['listAuditEvents'], title: 'User actions' },
  { path: '/logs', name: 'logs', needs: ['listProjects', 'exportDialogLogs'], title: 'Dialog logs' },
  { path: '/projects', name: 'projects', needs: ['listProjects'], title: 'Projects' },
  { path: '/projects/:id', name: 'project', needs: ['getProject'], title: 'Project' },
  { path: '/tokens', name: 'tokens', needs: ['listApiTokens'], title: 'API tokens' },
  { path: '/profile', name: 'profile', needs: ['getMyProfile'], title: 'My profile' },
  { path: '/password', name: 'password', needs: ['changeMyPassword'], title: 'Change password' },
  { path: '/projects/:id/secrets', name: 'project-secrets', needs: ['listProjectSecrets'], title: 'Project secrets' },
  { path: '/telephony', name: 'telephony', needs: ['listSipTrunks'], title: 'Telephony' },
];

/** The screens of the navigation, in order. */
export const NAV = ['users', 'roles', 'audit', 'logs', 'projects', 'tokens', 'profile', 'telephony'];

export function routeNamed(name) {
  return ROUTES.find((route) => route.name === name);
}

/** The route of a path, with its parameters; null when no route matches. */
export function match(pathname) {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(1);
  for (const route of ROUTES) {
    const pattern = route.path === '/' ? [] : route.path.split('/').slice(1);
    if (pattern.length !== parts.length) continue;
    const params = {};
    const fits = pattern.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return segment === parts[i];
    });
    if (fits) return { route, params };
  }
  return null;
}

export function navigate(path, { replace = false } = {}) {
  if (path === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', path);
  window.dispatchEvent(new CustomEvent('rc-route'));
}

/** A click on a same-origin link to a page becomes a navigation without reloading. */
export function interceptLinks(root) {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement);
    if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
    if (/^\/(api|docs|webjars)\//.test(link.pathname) || link.getAttribute('href').startsWith('#')) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
}
