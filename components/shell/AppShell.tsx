'use client';

import {
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  Nav,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { ALERT_COUNT_ID, AlertCountBadge } from '@/components/alerts/AlertCountBadge';
import { NAV_ITEMS, scopeQuery } from '@/lib/url-state';
import { ScopeSelectors } from './ScopeSelectors';
import { ThemeToggle } from './ThemeToggle';

function isActive(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** The console's frame: masthead with scope selectors and theme, navigation that keeps the scope. */
export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const query = scopeQuery(params);

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton isHamburgerButton aria-label="Navigation" />
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo component={(p: object) => <Link href={`/${query}`} {...p} />}>
            <span className="meridian-brand">Meridian</span>
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup>
              <ScopeSelectors />
            </ToolbarGroup>
            <ToolbarGroup align={{ default: 'alignEnd' }}>
              <ToolbarItem>
                <ThemeToggle />
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );

  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label="Main navigation">
          <NavList>
            {NAV_ITEMS.map((item) => (
              <NavItem key={item.href} isActive={isActive(pathname, item.href)}>
                <Link href={`${item.href}${query}`} aria-current={isActive(pathname, item.href) ? 'page' : undefined} aria-describedby={item.href === '/alerts' ? ALERT_COUNT_ID : undefined}>
                  {item.label}
                  {item.href === '/alerts' && <AlertCountBadge />}
                </Link>
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );

  return (
    <Page masthead={masthead} sidebar={sidebar} isManagedSidebar skipToContent={<a className="pf-v6-c-skip-to-content pf-v6-c-button pf-m-primary" href="#main">Skip to content</a>} mainContainerId="main">
      {children}
    </Page>
  );
}
