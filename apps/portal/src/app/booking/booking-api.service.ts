import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  BookingByCode,
  PortalAsset,
  PortalBooking,
  PortalBookingList,
  PortalBookingOptions,
  PortalCreateBookingRequest,
  PortalServiceType,
  PortalSlotQuery,
  SlotsResponse,
} from '@fieldbook/contracts';
import { Observable } from 'rxjs';
import { PortalContext } from '../core/portal-context';

/** Local dates (YYYY-MM-DD) in the service location's zone, both inclusive. */
export interface DateRange {
  from: string;
  to: string;
}

function idempotent(key: string): { headers: HttpHeaders } {
  return { headers: new HttpHeaders({ 'Idempotency-Key': key }) };
}

/** The signed-in customer's bookings in the current portal, and the booking behind a booking code. */
@Injectable({ providedIn: 'root' })
export class BookingApi {
  private readonly http = inject(HttpClient);
  private readonly context = inject(PortalContext);

  options(): Observable<PortalBookingOptions> {
    return this.http.get<PortalBookingOptions>(this.context.api('booking-options'));
  }

  assets(): Observable<PortalAsset[]> {
    return this.http.get<PortalAsset[]>(this.context.api('assets'));
  }

  serviceTypes(): Observable<PortalServiceType[]> {
    return this.http.get<PortalServiceType[]>(this.context.api('service-types'));
  }

  slots(query: PortalSlotQuery): Observable<SlotsResponse> {
    const params: Record<string, string> = { serviceTypeId: query.serviceTypeId, from: query.from, to: query.to };
    if (query.assetId) params['assetId'] = query.assetId;
    return this.http.get<SlotsResponse>(this.context.api('slots'), { params });
  }

  /** `key` names the attempt: the same attempt sent twice books once. */
  create(request: PortalCreateBookingRequest, key: string): Observable<PortalBooking> {
    return this.http.post<PortalBooking>(this.context.api('bookings'), request, idempotent(key));
  }

  list(): Observable<PortalBookingList> {
    return this.http.get<PortalBookingList>(this.context.api('bookings'));
  }

  get(id: string): Observable<PortalBooking> {
    return this.http.get<PortalBooking>(this.bookingPath(id));
  }

  rescheduleSlots(id: string, range: DateRange): Observable<SlotsResponse> {
    return this.http.get<SlotsResponse>(`${this.bookingPath(id)}/slots`, { params: { ...range } });
  }

  reschedule(id: string, start: string, key: string): Observable<PortalBooking> {
    return this.http.post<PortalBooking>(`${this.bookingPath(id)}/reschedule`, { start }, idempotent(key));
  }

  cancel(id: string, reason: string): Observable<PortalBooking> {
    return this.http.post<PortalBooking>(`${this.bookingPath(id)}/cancel`, { reason });
  }

  /** Where the booking's calendar file downloads from (a plain link, sent with the session cookie). */
  calendarUrl(id: string): string {
    return `${this.bookingPath(id)}/calendar.ics`;
  }

  byCode(token: string): Observable<BookingByCode> {
    return this.http.get<BookingByCode>(this.codePath(token));
  }

  codeSlots(token: string, range: DateRange): Observable<SlotsResponse> {
    return this.http.get<SlotsResponse>(`${this.codePath(token)}/slots`, { params: { ...range } });
  }

  rescheduleByCode(token: string, start: string, key: string): Observable<BookingByCode> {
    return this.http.post<BookingByCode>(`${this.codePath(token)}/reschedule`, { start }, idempotent(key));
  }

  cancelByCode(token: string, reason: string): Observable<BookingByCode> {
    return this.http.post<BookingByCode>(`${this.codePath(token)}/cancel`, { reason });
  }

  private bookingPath(id: string): string {
    return this.context.api(`bookings/${encodeURIComponent(id)}`);
  }

  private codePath(token: string): string {
    return this.context.api(`booking-codes/${encodeURIComponent(token)}`);
  }
}
