'use client';

import { Content, PageSection } from '@patternfly/react-core';
import type { ReactNode } from 'react';

/** A page's title block and body sections. */
export function PageFrame({ title, description, children, actions }: { title: string; description?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <>
      <PageSection>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
          <Content>
            <h1>{title}</h1>
            {description && <p>{description}</p>}
          </Content>
          {actions}
        </div>
      </PageSection>
      <PageSection isFilled>{children}</PageSection>
    </>
  );
}
