// Tests core/mesh/yamltree.cpp: the tree holds the first document as yaml-cpp reads it, an
// alias is the node it names (not a copy), and the node budget counts aliases expanded,
// exactly, refusing at the alias that crosses it.

#include <QtTest>

#include "mesh/yamltree.h"

using namespace routeless::mesh;

namespace {

YamlTree tree(const std::string &text, qsizetype budget = 1000) {
  auto r = YamlTree::parse(text, budget);
  if (const auto *e = std::get_if<YamlError>(&r)) {
    qWarning("unexpected error %d:%d: %s", e->line, e->column, qPrintable(e->message));
    return YamlTree();
  }
  return std::get<YamlTree>(r);
}

YamlError error(const std::string &text, qsizetype budget = 1000) {
  auto r = YamlTree::parse(text, budget);
  if (const auto *e = std::get_if<YamlError>(&r)) return *e;
  qWarning("parsed although it should not have");
  return YamlError{-1, -1, QString()};
}

}  // namespace

class TestYamlTree : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void structureAndPlaces() {
    const YamlTree t = tree("a: [1, \"two\", ~]\nb:\n  c: {d: e}\n");
    const YamlNode root = t.root();
    QVERIFY(root.isMap());
    QCOMPARE(root.size(), 2);
    QCOMPARE(root.key(0).scalar(), std::string("a"));
    QCOMPARE(root.key(0).tag(), std::string("?"));
    const YamlNode a = root.value(0);
    QVERIFY(a.isSequence());
    QCOMPARE(a.size(), 3);
    QCOMPARE(a.item(1).scalar(), std::string("two"));
    QCOMPARE(a.item(1).tag(), std::string("!"));  // quoted: never a merge key nor a number
    QVERIFY(a.item(2).isNull());
    QCOMPARE(a.item(1).line(), 1);
    QCOMPARE(a.item(1).column(), 8);
    const YamlNode c = root.value(1).value(0);
    QCOMPARE(c.line(), 3);
    QCOMPARE(c.column(), 6);
    QCOMPARE(c.value(0).scalar(), std::string("e"));
    // Out of range and absent nodes are undefined, never a crash.
    QVERIFY(!a.item(3).isDefined());
    QVERIFY(!root.key(5).isDefined());
    QVERIFY(!a.key(0).isDefined());
    QCOMPARE(YamlNode().line(), 0);
    QCOMPARE(YamlNode().scalar(), std::string());
    QCOMPARE(t.expandedNodes(), 12);  // root, a, [3 items], b, {c: {d: e}}
  }

  void emptyAndFirstDocumentOnly() {
    QVERIFY(!tree("").root().isDefined());
    QVERIFY(!tree("# only a comment\n").root().isDefined());
    QVERIFY(tree("---\n").root().isNull());
    const YamlTree two = tree("a: 1\n---\nb: 2\n");
    QCOMPARE(two.root().key(0).scalar(), std::string("a"));
  }

  void aliasesShareTheirNode() {
    const YamlTree t = tree("x: &x {k: v}\ny: *x\n");
    const YamlNode y = t.root().value(1);
    QVERIFY(y.isMap());
    QCOMPARE(y.value(0).scalar(), std::string("v"));
    QCOMPARE(y.line(), 1);  // the anchored node itself, where it is written
    // Counted as a copy: root 1, "x" 1, map 3, "y" 1, alias 3.
    QCOMPARE(t.expandedNodes(), 9);
  }

  void budgetIsExact() {
    const std::string text = "x: &x [a, b, c]\ny: [*x, *x]\n";  // 1 + 1 + 4 + 1 + 1 + 4 + 4
    QCOMPARE(tree(text, 16).expandedNodes(), 16);
    const YamlError e = error(text, 15);
    QCOMPARE(e.line, 2);
    QCOMPARE(e.column, 9);  // the second *x
    QVERIFY2(e.message.contains(QStringLiteral("alias *x expands the manifest past 15")),
             qPrintable(e.message));
    const YamlError plain = error("[a, b, c]", 3);
    QVERIFY2(plain.message.contains(QStringLiteral("more than 3 YAML nodes")),
             qPrintable(plain.message));
  }

  void recursiveAliasRefused() {
    const YamlError e = error("a: &a [x, *a]\n");
    QCOMPARE(e.line, 1);
    QCOMPARE(e.column, 11);
    QVERIFY2(e.message.contains(QStringLiteral("alias *a refers to a node that contains it")),
             qPrintable(e.message));
  }

  void syntaxErrorsHaveAPlace() {
    const YamlError e = error("a: [\n");
    QVERIFY(e.message.startsWith(QStringLiteral("YAML syntax error: ")));
    QCOMPARE(e.line, 2);
    const YamlError undefined = error("a: *nope\n");
    QVERIFY(undefined.message.startsWith(QStringLiteral("YAML syntax error: ")));
    QCOMPARE(undefined.line, 1);
  }
};

QTEST_GUILESS_MAIN(TestYamlTree)
#include "tst_yamltree.moc"
