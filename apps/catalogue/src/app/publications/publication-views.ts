import type { Publication, PublicationState } from '@gongkai/contracts';

/** The states everyone signed in may read: versions that were published and not withdrawn. */
export const PUBLISHED_STATES: readonly PublicationState[] = ['published', 'superseded'];

export const isPublishedState = (state: PublicationState) => PUBLISHED_STATES.includes(state);

/**
 * A publication as a caller who does not work on its item sees it: no actor ids and no
 * reviewer (PublicationReaders). Content, version, hashes and times stay: they are what was published.
 */
export function publishedView(publication: Publication): Publication {
  return { ...publication, createdBy: null, publishedBy: null, secrecyReview: null };
}
