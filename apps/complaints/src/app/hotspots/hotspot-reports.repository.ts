import { Injectable } from '@nestjs/common';
import type { Hotspots } from '@gongkai/contracts';
import type { ComplaintsTx } from '../prisma.service';

/** The only place that touches hotspot_report. */
@Injectable()
export class HotspotReportsRepository {
  async insert(
    tx: ComplaintsTx,
    report: { id: string; hotspots: Hotspots; reportedAt: Date },
  ): Promise<void> {
    await tx.hotspotReport.create({
      data: {
        id: report.id,
        fromDate: new Date(`${report.hotspots.from}T00:00:00Z`),
        toDate: new Date(`${report.hotspots.to}T00:00:00Z`),
        content: report.hotspots,
        reportedAt: report.reportedAt,
      },
    });
  }
}
