#include "mesh/yamltree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <exception>
#include <sstream>

namespace routeless::mesh {

struct YamlNode::Data {
  enum class Kind : quint8 { Null, Scalar, Sequence, Map };
  Kind kind = Kind::Null;
  int line = 0;
  int column = 0;
  std::string scalar;
  std::string tag;
  std::vector<qsizetype> children;  // sequence items; for a mapping key, value, key, value...
};

namespace {

const std::string &emptyString() {
  static const std::string empty;
  return empty;
}

struct BudgetExceeded {
  YamlError error;
};

QString qstr(const std::string &s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

}  // namespace

// Builds the nodes from parse events and counts them as if aliases were expanded: an
// anchored node's expanded size is known when it ends, and every alias adds that size again.
class YamlTree::Builder final : public YAML::EventHandler {
 public:
  explicit Builder(qsizetype budget) : m_budget(budget) {}

  void OnDocumentStart(const YAML::Mark &) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    leaf(mark, anchor, YamlNode::Data::Kind::Null, {}, {});
  }
  void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                const std::string &value) override {
    leaf(mark, anchor, YamlNode::Data::Kind::Scalar, tag, value);
  }
  void OnAnchor(const YAML::Mark &, const std::string &name) override { m_pendingName = name; }
  void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    const Anchor *a = anchor < m_anchors.size() ? &m_anchors[anchor] : nullptr;
    if (!a || !a->complete)
      throw BudgetExceeded{at(mark, QStringLiteral("alias *%1 refers to a node that contains it "
                                                   "(a recursive structure cannot be expanded)")
                                        .arg(a ? qstr(a->name) : QString()))};
    count(mark, a->size, &a->name);
    attach(a->node, a->size);
  }
  void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, YamlNode::Data::Kind::Sequence, tag);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, YamlNode::Data::Kind::Map, tag);
  }
  void OnMapEnd() override { close(); }

  std::vector<YamlNode::Data> takeNodes() { return std::move(m_nodes); }
  qsizetype root() const { return m_root; }
  qsizetype expanded() const { return m_expanded; }

 private:
  struct Anchor {
    std::string name;
    qsizetype node = -1;
    qsizetype size = 0;  // expanded node count, known once the node ends
    bool complete = false;
  };
  struct Open {
    qsizetype node;
    qsizetype size;  // the collection itself plus each child's expanded size so far
    YAML::anchor_t anchor;
  };

  static YamlError at(const YAML::Mark &mark, const QString &message) {
    return YamlError{mark.line < 0 ? 0 : mark.line + 1, mark.column < 0 ? 0 : mark.column + 1,
                     message};
  }

  void count(const YAML::Mark &mark, qsizetype size, const std::string *alias) {
    m_expanded += size;
    if (m_expanded <= m_budget) return;
    throw BudgetExceeded{at(
        mark, alias ? QStringLiteral("alias *%1 expands the manifest past %2 YAML nodes (at most "
                                     "%2 are accepted once aliases are expanded: an alias or "
                                     "merge-key bomb?)")
                          .arg(qstr(*alias))
                          .arg(m_budget)
                    : QStringLiteral("the manifest has more than %1 YAML nodes; at most %1 are "
                                     "accepted")
                          .arg(m_budget))};
  }

  // Hangs `node` under the open collection (or makes it the root) and credits its size.
  void attach(qsizetype node, qsizetype size) {
    if (m_open.empty()) {
      if (m_root < 0) m_root = node;
      return;
    }
    m_open.back().size += size;
    m_nodes[size_t(m_open.back().node)].children.push_back(node);
  }

  qsizetype create(const YAML::Mark &mark, YAML::anchor_t anchor, YamlNode::Data::Kind kind,
                   const std::string &tag, const std::string &value) {
    count(mark, 1, nullptr);
    YamlNode::Data d;
    d.kind = kind;
    d.line = mark.line < 0 ? 0 : mark.line + 1;
    d.column = mark.column < 0 ? 0 : mark.column + 1;
    d.tag = tag;
    d.scalar = value;
    m_nodes.push_back(std::move(d));
    const qsizetype index = qsizetype(m_nodes.size()) - 1;
    if (anchor != YAML::NullAnchor) {
      if (anchor >= m_anchors.size()) m_anchors.resize(anchor + 1);
      m_anchors[anchor] = Anchor{m_pendingName, index, 0, false};
    }
    m_pendingName.clear();
    return index;
  }

  void leaf(const YAML::Mark &mark, YAML::anchor_t anchor, YamlNode::Data::Kind kind,
            const std::string &tag, const std::string &value) {
    const qsizetype node = create(mark, anchor, kind, tag, value);
    if (anchor != YAML::NullAnchor) {
      m_anchors[anchor].size = 1;
      m_anchors[anchor].complete = true;
    }
    attach(node, 1);
  }

  void open(const YAML::Mark &mark, YAML::anchor_t anchor, YamlNode::Data::Kind kind,
            const std::string &tag) {
    m_open.push_back(Open{create(mark, anchor, kind, tag, {}), 1, anchor});
  }

  void close() {
    const Open done = m_open.back();
    m_open.pop_back();
    if (done.anchor != YAML::NullAnchor) {
      m_anchors[done.anchor].size = done.size;
      m_anchors[done.anchor].complete = true;
    }
    attach(done.node, done.size);  // its nodes are counted already; this credits the parent
  }

  qsizetype m_budget;
  qsizetype m_expanded = 0;
  qsizetype m_root = -1;
  std::vector<YamlNode::Data> m_nodes;
  std::vector<Anchor> m_anchors;  // yaml-cpp numbers a document's anchors 1, 2, ...
  std::vector<Open> m_open;
  std::string m_pendingName;
};

std::variant<YamlTree, YamlError> YamlTree::parse(const std::string &text,
                                                  qsizetype maxExpandedNodes) {
  Builder builder(maxExpandedNodes);
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
  } catch (const BudgetExceeded &e) {
    return e.error;
  } catch (const YAML::Exception &e) {
    return YamlError{e.mark.line < 0 ? 0 : e.mark.line + 1,
                     e.mark.column < 0 ? 0 : e.mark.column + 1,
                     QStringLiteral("YAML syntax error: %1").arg(qstr(e.msg))};
  } catch (const std::exception &e) {
    return YamlError{0, 0,
                     QStringLiteral("cannot read the YAML: %1").arg(QString::fromUtf8(e.what()))};
  }
  YamlTree tree;
  tree.m_expanded = builder.expanded();
  const qsizetype root = builder.root();
  auto nodes = std::make_shared<std::vector<YamlNode::Data>>(builder.takeNodes());
  tree.m_nodes = nodes;
  tree.m_root = root;
  return tree;
}

YamlNode YamlTree::root() const {
  if (!m_nodes || m_root < 0) return YamlNode();
  return YamlNode(m_nodes.get(), m_root);
}

const YamlNode::Data &YamlNode::data() const { return (*m_nodes)[size_t(m_index)]; }

bool YamlNode::isNull() const { return isDefined() && data().kind == Data::Kind::Null; }
bool YamlNode::isScalar() const { return isDefined() && data().kind == Data::Kind::Scalar; }
bool YamlNode::isSequence() const { return isDefined() && data().kind == Data::Kind::Sequence; }
bool YamlNode::isMap() const { return isDefined() && data().kind == Data::Kind::Map; }
const std::string &YamlNode::scalar() const { return isDefined() ? data().scalar : emptyString(); }
const std::string &YamlNode::tag() const { return isDefined() ? data().tag : emptyString(); }
int YamlNode::line() const { return isDefined() ? data().line : 0; }
int YamlNode::column() const { return isDefined() ? data().column : 0; }

qsizetype YamlNode::size() const {
  if (isSequence()) return qsizetype(data().children.size());
  if (isMap()) return qsizetype(data().children.size()) / 2;
  return 0;
}

YamlNode YamlNode::item(qsizetype index) const {
  if (!isSequence() || index < 0 || index >= size()) return YamlNode();
  return YamlNode(m_nodes, data().children[size_t(index)]);
}

YamlNode YamlNode::key(qsizetype pair) const {
  if (!isMap() || pair < 0 || pair >= size()) return YamlNode();
  return YamlNode(m_nodes, data().children[size_t(pair * 2)]);
}

YamlNode YamlNode::value(qsizetype pair) const {
  if (!isMap() || pair < 0 || pair >= size()) return YamlNode();
  return YamlNode(m_nodes, data().children[size_t(pair * 2 + 1)]);
}

}  // namespace routeless::mesh
