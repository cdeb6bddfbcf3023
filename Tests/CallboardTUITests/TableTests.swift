import CallboardTUI
import Testing

@Suite struct TableTests {
    init() { DisplayText.adoptUTF8Locale() }

    let columns = [
        Column("ID", width: 4),
        Column("NAME", width: 6, flex: 1),
        Column("NOTE", width: 10, flex: 2, dropPriority: 1),
    ]

    @Test func flexibleColumnsShareTheSpareWidthAndEveryLineFillsIt() {
        let layout = Table.layout(columns, total: 40)
        #expect(layout.map(\.width).reduce(0, +) + 2 * Table.gap == 40)
        let line = Table.line([Cell("C-1"), Cell("上海华东电气有限公司"), Cell("note")], columns: columns, layout: layout)
        #expect(DisplayText.width(line.text) == 40)
    }

    @Test func droppableColumnsGoFirstWhenTheScreenIsNarrow() {
        let layout = Table.layout(columns, total: 15)
        #expect(layout.map(\.index) == [0, 1])
        #expect(layout.map(\.width) == [4, 10])
    }
}
