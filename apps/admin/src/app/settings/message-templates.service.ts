import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { MessageType, PutTemplateOverrideRequest, RenderedMessage, TemplateOverride, TemplatePreviewRequest } from '@fieldbook/contracts';
import { Observable } from 'rxjs';

/** An environment's own subjects and intros per message type and language, and their preview. */
@Injectable({ providedIn: 'root' })
export class MessageTemplatesService {
  private readonly http = inject(HttpClient);

  list(environmentId: string): Observable<TemplateOverride[]> {
    return this.http.get<TemplateOverride[]>(base(environmentId));
  }

  put(environmentId: string, type: MessageType, language: string, request: PutTemplateOverrideRequest): Observable<TemplateOverride> {
    return this.http.put<TemplateOverride>(one(environmentId, type, language), request);
  }

  reset(environmentId: string, type: MessageType, language: string): Observable<void> {
    return this.http.delete<void>(one(environmentId, type, language));
  }

  preview(environmentId: string, request: TemplatePreviewRequest): Observable<RenderedMessage> {
    return this.http.post<RenderedMessage>(`${base(environmentId)}/preview`, request);
  }
}

function base(environmentId: string): string {
  return `/api/environments/${encodeURIComponent(environmentId)}/message-templates`;
}

function one(environmentId: string, type: MessageType, language: string): string {
  return `${base(environmentId)}/${encodeURIComponent(type)}/${encodeURIComponent(language)}`;
}
