import { Controller } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ComplaintsRpc, HotspotsReportedV1 } from '@gongkai/contracts';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { Clock, UnitOfWork } from '@gongkai/service-kit';
import type { ComplaintsTx } from '../../prisma.service';
import { HotspotReportsRepository } from '../hotspot-reports.repository';
import { HotspotsReader } from '../hotspots.service';

/**
 * POST /cases/hotspots/report: the period's hotspots become evt.complaints.hotspot-report.reported,
 * for the office to turn a hotspot into a disclosure item (未诉先办), and are kept with the report.
 */
@Controller()
export class ReportHotspotsHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly hotspotsReader: HotspotsReader,
    private readonly hotspotReportsRepository: HotspotReportsRepository,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(ComplaintsRpc.reportHotspots)
  report({ meta, body }: RpcRequest<typeof ComplaintsRpc.reportHotspots>) {
    const now = this.clock.now();
    return this.unitOfWork.run(async (tx: ComplaintsTx) => {
      const hotspots = await this.hotspotsReader.read(tx, body);
      const reportId = uuidv7();
      await this.hotspotReportsRepository.insert(tx, { id: reportId, hotspots, reportedAt: now });
      await emitEvent(
        tx,
        HotspotsReportedV1,
        {
          reportId,
          from: hotspots.from,
          to: hotspots.to,
          categories: hotspots.categories,
          keywords: hotspots.keywords,
        },
        { source: 'complaints', actor: meta.actor, correlationId: meta.correlationId },
      );
      return { ...hotspots, reportId, reportedAt: now.toISOString() };
    });
  }
}
