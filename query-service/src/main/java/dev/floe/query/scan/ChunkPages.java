package dev.floe.query.scan;

import java.util.function.Supplier;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;

/**
 * The pages of one column chunk, handed out in order, that can pass over the pages before a given row
 * without decoding them: the chunk's offset index says where each page's rows start. A reader created
 * on these pages after a jump sees the chunk from the page it jumped to.
 */
final class ChunkPages implements PageReader {
  private final PageReader pages;
  private final Supplier<OffsetIndex> offsetIndexReader;
  private OffsetIndex offsetIndex;
  private boolean offsetIndexRead;
  private int handedOut;
  private long valuesLeft;

  /** @param offsetIndex reads the chunk's offset index (null when it has none); called on the first jump */
  ChunkPages(PageReader pages, Supplier<OffsetIndex> offsetIndex) {
    this.pages = pages;
    this.offsetIndexReader = offsetIndex;
    this.valuesLeft = pages.getTotalValueCount();
  }

  @Override
  public DictionaryPage readDictionaryPage() {
    return pages.readDictionaryPage();
  }

  /** The values of the pages not handed out yet: what a reader created now will read. */
  @Override
  public long getTotalValueCount() {
    return valuesLeft;
  }

  @Override
  public DataPage readPage() {
    DataPage page = pages.readPage();
    if (page != null) {
      handedOut++;
      valuesLeft -= page.getValueCount();
    }
    return page;
  }

  /**
   * Passes over the pages before the one holding {@code row}, if none of them nor that page was handed
   * out yet, and returns the first row of that page, from where the next page handed out starts;
   * returns -1 and passes over nothing otherwise (no offset index, or the row is in a page handed out).
   */
  long jumpTo(long row) {
    OffsetIndex index = offsetIndex();
    if (index == null) {
      return -1;
    }
    int page = 0;
    while (page + 1 < index.getPageCount() && index.getFirstRowIndex(page + 1) <= row) {
      page++;
    }
    if (page < handedOut) {
      return -1;
    }
    while (handedOut < page) {
      // Read to move on, not decoded: a page's bytes are decompressed when its values are read.
      readPage();
    }
    return index.getFirstRowIndex(page);
  }

  private OffsetIndex offsetIndex() {
    if (!offsetIndexRead) {
      offsetIndex = offsetIndexReader.get();
      offsetIndexRead = true;
    }
    return offsetIndex;
  }
}
