#pragma once
// YamlTree: the first document of a YAML text as a tree, built from yaml-cpp's parse events
// under a budget of nodes counted as if every alias were expanded, so that a "billion laughs"
// or merge-key bomb is refused at the alias that crosses the budget, in time and memory that
// follow the text. It must never copy an aliased node (aliases share it) nor interpret keys.

#include <QString>
#include <QtGlobal>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace routeless::mesh {

class YamlTree;

// A cheap handle on a node of a YamlTree (valid while the tree lives). A default-constructed
// handle stands for an absent node (e.g. a key that is not there): !isDefined().
class YamlNode {
 public:
  YamlNode() = default;

  bool isDefined() const { return m_nodes != nullptr; }
  bool isNull() const;
  bool isScalar() const;
  bool isSequence() const;
  bool isMap() const;
  const std::string &scalar() const;  // empty unless isScalar()
  const std::string &tag() const;     // "?" for plain scalars, "!" for quoted ones
  int line() const;                   // 1-based; 0 when absent
  int column() const;

  qsizetype size() const;                // sequence items or mapping pairs
  YamlNode item(qsizetype index) const;  // of a sequence
  YamlNode key(qsizetype pair) const;    // of a mapping, in document order
  YamlNode value(qsizetype pair) const;

 private:
  friend class YamlTree;
  struct Data;
  YamlNode(const std::vector<Data> *nodes, qsizetype index) : m_nodes(nodes), m_index(index) {}
  const Data &data() const;

  const std::vector<Data> *m_nodes = nullptr;
  qsizetype m_index = 0;
};

struct YamlError {
  int line = 0;  // 1-based, 0 when unknown
  int column = 0;
  QString message;
};

class YamlTree {
 public:
  // Parses the first document of `text`. More than `maxExpandedNodes` nodes, counting each
  // alias as a copy of what it names (so recursively), is an error at the node that crosses
  // the budget; so is an alias to a node that contains it.
  static std::variant<YamlTree, YamlError> parse(const std::string &text,
                                                 qsizetype maxExpandedNodes);

  YamlNode root() const;  // !isDefined() for a text without a document
  qsizetype expandedNodes() const { return m_expanded; }

 private:
  class Builder;
  std::shared_ptr<const std::vector<YamlNode::Data>> m_nodes;
  qsizetype m_root = -1;
  qsizetype m_expanded = 0;
};

}  // namespace routeless::mesh
