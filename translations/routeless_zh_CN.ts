<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HostDialog</name>
    <message>
        <location filename="../qml/HostDialog.qml" line="11"/>
        <source>Add host</source>
        <translation>添加主机</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="11"/>
        <source>Edit host</source>
        <translation>编辑主机</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="45"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="49"/>
        <source>e.g. laptop</source>
        <translation>例如 laptop</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="51"/>
        <source>Virtual IP</source>
        <translation>虚拟 IP</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="57"/>
        <source>Launch</source>
        <translation>启动方式</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="63"/>
        <source>Local agent</source>
        <translation>本地代理</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="73"/>
        <source>user@host, container or pod</source>
        <translation>user@host、容器或 Pod</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="80"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="85"/>
        <source>empty: run the local agent</source>
        <translation>留空：运行本地代理</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="87"/>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../qml/HostDialog.qml" line="97"/>
        <source>Do not listen on this machine&apos;s loopback (for a second agent on the same machine)</source>
        <translation>不在本机回环地址上监听（用于同一台机器上的第二个代理）</translation>
    </message>
</context>
<context>
    <name>HostState</name>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="7"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="7"/>
        <source>Starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="8"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="8"/>
        <source>Restarting</source>
        <translation>正在重启</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="9"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <location filename="../qml/LogsPage.qml" line="24"/>
        <source>Save log</source>
        <translation>保存日志</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="26"/>
        <source>Text files (*.log *.txt)</source>
        <translation>文本文件 (*.log *.txt)</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="37"/>
        <source>All levels</source>
        <translation>所有级别</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="37"/>
        <source>Info and above</source>
        <translation>信息及以上</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="37"/>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="37"/>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="15"/>
        <source>All sources</source>
        <translation>所有来源</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="49"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="53"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="57"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="61"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../qml/LogsPage.qml" line="124"/>
        <source>%1 lines shown</source>
        <translation>显示 %1 行</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="9"/>
        <source>Routeless — %1</source>
        <translation>Routeless — %1</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="10"/>
        <source>Routeless</source>
        <translation>Routeless</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <location filename="../qml/Main.qml" line="43"/>
        <source>Mesh</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <location filename="../qml/Main.qml" line="44"/>
        <source>Tunnels</source>
        <translation>隧道</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <location filename="../qml/Main.qml" line="45"/>
        <source>Profiles</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <location filename="../qml/Main.qml" line="46"/>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <location filename="../qml/Main.qml" line="47"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="82"/>
        <source>Meshes and tunnels</source>
        <translation>网格与隧道</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="126"/>
        <source>Another profile</source>
        <translation>其他配置</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="127"/>
        <source>No profile connected</source>
        <translation>未连接任何配置</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="134"/>
        <source>↓ %1   ↑ %2</source>
        <translation>↓ %1   ↑ %2</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="141"/>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="141"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="182"/>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
</context>
<context>
    <name>MasterState</name>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="12"/>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="13"/>
        <source>Live</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="13"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="14"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>MeshPage</name>
    <message>
        <location filename="../qml/MeshPage.qml" line="32"/>
        <source>Hosts ready</source>
        <translation>就绪主机</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="33"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="34"/>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="35"/>
        <location filename="../qml/MeshPage.qml" line="229"/>
        <source>Forwards</source>
        <translation>端口转发</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="81"/>
        <source>Demo traffic is flowing: the app fetches http://127.0.42.2:18080/ every second, through host alpha and host beta, from its built-in responder. Try it in a browser.</source>
        <translation>演示流量正在传输：应用每秒通过主机 alpha 和 beta 访问 http://127.0.42.2:18080/，由内置响应器应答。可以在浏览器中试试。</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="82"/>
        <source>The demo runs two local agents (alpha and beta) and forwards 127.0.42.2:18080 to a built-in web responder. Connect it to see traffic.</source>
        <translation>演示运行两个本地代理（alpha 和 beta），并将 127.0.42.2:18080 转发到内置的网页响应器。连接后即可看到流量。</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="88"/>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="89"/>
        <source>Live state, sampled every second</source>
        <translation>实时状态，每秒采样</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="90"/>
        <source>Not running; connect the profile to start its agents</source>
        <translation>未运行；连接此配置以启动其代理</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="93"/>
        <source>Add host</source>
        <translation>添加主机</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="99"/>
        <source>Stop mesh</source>
        <translation>停止网格</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="99"/>
        <source>Start mesh</source>
        <translation>启动网格</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="109"/>
        <source>This profile has no hosts. Add one, or import a NoRouter manifest on the Profiles screen.</source>
        <translation>此配置没有主机。请添加一个，或在“配置”页面导入 NoRouter 清单。</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="120"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="121"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="122"/>
        <source>PID / restarts / uptime</source>
        <translation>PID / 重启次数 / 运行时间</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="123"/>
        <source>Traffic (in / out)</source>
        <translation>流量（入 / 出）</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="198"/>
        <source>total %1 / %2</source>
        <translation>合计 %1 / %2</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="209"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="213"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="230"/>
        <source>Listen on the mesh, connect on the owning host</source>
        <translation>在网格上监听，在所属主机上连接</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="233"/>
        <source>No forwards. Add ports to a host (e.g. 8080:127.0.0.1:80).</source>
        <translation>没有端口转发。请为主机添加端口（例如 8080:127.0.0.1:80）。</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="255"/>
        <source>on %1</source>
        <translation>在 %1 上</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="269"/>
        <source>Routing table</source>
        <translation>路由表</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="270"/>
        <source>Where the manager sends each destination</source>
        <translation>管理器将各目标发往何处</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="273"/>
        <source>Empty until the mesh runs.</source>
        <translation>网格运行前为空。</translation>
    </message>
    <message>
        <location filename="../qml/MeshPage.qml" line="292"/>
        <source>via %1</source>
        <translation>经由 %1</translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="41"/>
        <source>Import profiles</source>
        <translation>导入配置</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="43"/>
        <source>Profiles and manifests (*.json *.yaml *.yml *.txt)</source>
        <translation>配置和清单 (*.json *.yaml *.yml *.txt)</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="43"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="44"/>
        <location filename="../qml/ProfilesPage.qml" line="125"/>
        <location filename="../qml/ProfilesPage.qml" line="127"/>
        <location filename="../qml/ProfilesPage.qml" line="153"/>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="49"/>
        <location filename="../qml/ProfilesPage.qml" line="75"/>
        <source>Export profile</source>
        <translation>导出配置</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="53"/>
        <source>Exported.</source>
        <translation>已导出。</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="59"/>
        <source>Rename profile</source>
        <translation>重命名配置</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="59"/>
        <location filename="../qml/ProfilesPage.qml" line="139"/>
        <source>New profile</source>
        <translation>新建配置</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="67"/>
        <source>Profile name</source>
        <translation>配置名称</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="86"/>
        <source>Routeless profile (JSON)</source>
        <translation>Routeless 配置 (JSON)</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="86"/>
        <source>NoRouter manifest (YAML)</source>
        <translation>NoRouter 清单 (YAML)</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="86"/>
        <source>NodePass URLs (one per line)</source>
        <translation>NodePass URL（每行一个）</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="90"/>
        <source>Include keys and API secrets</source>
        <translation>包含密钥和 API 机密</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="94"/>
        <source>Include local paths (state directories, certificates)</source>
        <translation>包含本地路径（状态目录、证书）</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="101"/>
        <source>Leave both unchecked to share a profile safely.</source>
        <translation>两项都不勾选即可安全地分享配置。</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="105"/>
        <source>Save to file…</source>
        <translation>保存到文件…</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="109"/>
        <source>Copy to clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="113"/>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="148"/>
        <source>Import file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="152"/>
        <source>Import from clipboard</source>
        <translation>从剪贴板导入</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="157"/>
        <source>Drop a file or links here to import</source>
        <translation>将文件或链接拖放到此处以导入</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="183"/>
        <source>Saved profiles</source>
        <translation>已保存的配置</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="184"/>
        <source>Stored in %1</source>
        <translation>保存在 %1</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="234"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="239"/>
        <location filename="../qml/ProfilesPage.qml" line="254"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="249"/>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="249"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="259"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="263"/>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="267"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../qml/ProfilesPage.qml" line="271"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../qml/SettingsPage.qml" line="18"/>
        <source>Start-up</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="20"/>
        <source>Start Routeless when I log in</source>
        <translation>登录时启动 Routeless</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="25"/>
        <source>Start minimized to the tray</source>
        <translation>启动时最小化到托盘</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="31"/>
        <source>Connect the last used profile on start</source>
        <translation>启动时连接上次使用的配置</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="41"/>
        <source>No system tray was found, so closing the window quits Routeless.</source>
        <translation>未找到系统托盘，因此关闭窗口将退出 Routeless。</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="47"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="52"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="57"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="61"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="67"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="67"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="76"/>
        <source>Control</source>
        <translation>控制</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="77"/>
        <source>Scripts and the command line drive the same engine: routeless-node ctl status</source>
        <translation>脚本和命令行驱动同一个引擎：routeless-node ctl status</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="89"/>
        <source>Start the daemon&apos;s node</source>
        <translation>启动守护进程的节点</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="94"/>
        <source>Stop the daemon&apos;s node</source>
        <translation>停止守护进程的节点</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="103"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="105"/>
        <source>Routeless %1</source>
        <translation>Routeless %1</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="110"/>
        <source>Settings and profiles: %1</source>
        <translation>设置和配置：%1</translation>
    </message>
    <message>
        <location filename="../qml/SettingsPage.qml" line="117"/>
        <source>Agent: %1</source>
        <translation>代理程序：%1</translation>
    </message>
</context>
<context>
    <name>TunnelDialog</name>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="23"/>
        <source>Add tunnel</source>
        <translation>添加隧道</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="23"/>
        <source>Edit tunnel</source>
        <translation>编辑隧道</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="80"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="84"/>
        <source>e.g. office web</source>
        <translation>例如 office web</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="91"/>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="92"/>
        <source>Raw URL</source>
        <translation>原始 URL</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="104"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="109"/>
        <source>Server (listens for clients, exposes the target)</source>
        <translation>服务端（等待客户端连接，暴露目标）</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="110"/>
        <source>Client (connects to a server)</source>
        <translation>客户端（连接到服务端）</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="111"/>
        <source>Device link (serves the clients an M-PROXY relay announces)</source>
        <translation>设备链路（服务 M-PROXY 中继转来的客户端）</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="114"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="114"/>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="120"/>
        <source>optional shared secret</source>
        <translation>可选的共享密钥</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="120"/>
        <source>the relay&apos;s device token</source>
        <translation>中继的设备令牌</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="123"/>
        <source>Tunnel</source>
        <translation>隧道</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="123"/>
        <source>Relay</source>
        <translation>中继</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="139"/>
        <source>Device name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="149"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="156"/>
        <source>KEY=HOST:PORT, e.g. app.example.com=127.0.0.1:8080 *=127.0.0.1:80</source>
        <translation>KEY=HOST:PORT，例如 app.example.com=127.0.0.1:8080 *=127.0.0.1:80</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="159"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="178"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="183"/>
        <source>ws:// (plain)</source>
        <translation>ws://（明文）</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="183"/>
        <source>wss:// (TLS)</source>
        <translation>wss://（TLS）</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="184"/>
        <source>0: none</source>
        <translation>0：无</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="184"/>
        <source>1: self-signed</source>
        <translation>1：自签名</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="184"/>
        <source>2: certificate</source>
        <translation>2：证书</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="187"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="195"/>
        <source>Pool min</source>
        <translation>连接池最小</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="204"/>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <location filename="../qml/TunnelDialog.qml" line="228"/>
        <source>Start with the profile</source>
        <translation>随配置启动</translation>
    </message>
</context>
<context>
    <name>TunnelState</name>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="9"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="10"/>
        <source>Starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="10"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="11"/>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="11"/>
        <source>Restarting</source>
        <translation>正在重启</translation>
    </message>
    <message>
        <location filename="../app/desktop/statenames.cpp" line="12"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>TunnelsPage</name>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="32"/>
        <source>%1 of %2 running</source>
        <translation>%2 个中 %1 个正在运行</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="35"/>
        <source>Add tunnel</source>
        <translation>添加隧道</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="50"/>
        <source>No tunnels in this profile</source>
        <translation>此配置中没有隧道</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="31"/>
        <source>Tunnels</source>
        <translation>隧道</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="61"/>
        <source>Add a NodePass server or client, or a device link to an M-PROXY relay, with the form; or import NodePass URLs, np:// links or a NodePassDash backup on the Profiles screen.</source>
        <translation>用表单添加 NodePass 服务端或客户端，或连接 M-PROXY 中继的设备链路；也可以在“配置文件”页面导入 NodePass URL、np:// 链接或 NodePassDash 备份。</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="114"/>
        <location filename="../qml/TunnelsPage.qml" line="219"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="115"/>
        <location filename="../qml/TunnelsPage.qml" line="224"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="116"/>
        <location filename="../qml/TunnelsPage.qml" line="229"/>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="117"/>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="118"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="119"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="132"/>
        <source>Target %1</source>
        <translation>目标 %1</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="133"/>
        <source>Ping %1</source>
        <translation>Ping %1</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="134"/>
        <source>Pool %1</source>
        <translation>连接池 %1</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="135"/>
        <source>TCP %1 · UDP %2</source>
        <translation>TCP %1 · UDP %2</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="136"/>
        <source>Clients %1</source>
        <translation>客户端 %1</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="137"/>
        <source>↓ %1 ↑ %2</source>
        <translation>↓ %1 ↑ %2</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="138"/>
        <source>Restarts %1 · up %2</source>
        <translation>重启 %1 次 · 已运行 %2</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="163"/>
        <source>NodePass masters</source>
        <translation>NodePass 主控</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="164"/>
        <source>Instances on the masters of this profile, kept in sync while it is shown</source>
        <translation>此配置文件的主控上的实例，显示期间保持同步</translation>
    </message>
    <message>
        <location filename="../qml/TunnelsPage.qml" line="244"/>
        <source>Ping %1 · Pool %2 · TCP/UDP %3 · ↓ %4 ↑ %5</source>
        <translation>延迟 %1 · 连接池 %2 · TCP/UDP %3 · ↓ %4 ↑ %5</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::ActivityMenuSection</name>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="158"/>
        <source>Tunnel %1: %2</source>
        <translation>隧道 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="164"/>
        <source>Forward %1 → %2 on %3: %4</source>
        <translation>转发 %1 → %2（在 %3 上）：%4</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::Backend</name>
    <message>
        <location filename="../app/desktop/backend.cpp" line="372"/>
        <source>Disconnected. Nothing is running.</source>
        <translation>已断开。没有任何内容在运行。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="375"/>
        <source>&quot;%1&quot; is still connecting.</source>
        <translation>“%1”仍在连接。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="378"/>
        <source>&quot;%1&quot; is connected: %2 of %3 hosts ready.</source>
        <translation>“%1”已连接：%3 个主机中 %2 个就绪。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="384"/>
        <source>&quot;%1&quot; has a problem: %2 of %3 hosts ready. See Logs.</source>
        <translation>“%1”出现问题：%3 个主机中 %2 个就绪。请查看日志。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="397"/>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="399"/>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="401"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="403"/>
        <source>Problem</source>
        <translation>有问题</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="450"/>
        <location filename="../app/desktop/backend.cpp" line="471"/>
        <source>A profile needs a name.</source>
        <translation>配置需要一个名称。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="461"/>
        <location filename="../app/desktop/backend.cpp" line="470"/>
        <location filename="../app/desktop/backend.cpp" line="480"/>
        <location filename="../app/desktop/backend.cpp" line="562"/>
        <source>No such profile.</source>
        <translation>没有此配置。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="463"/>
        <source>%1 copy</source>
        <translation>%1 副本</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="498"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="501"/>
        <location filename="../app/desktop/backend.cpp" line="515"/>
        <location filename="../app/desktop/backend.cpp" line="524"/>
        <source>Nothing was imported. %1</source>
        <translation>未导入任何内容。%1</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="540"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="541"/>
        <source>%1 is too large to be a profile.</source>
        <translation>%1 太大，不可能是配置。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="548"/>
        <source>The clipboard is empty.</source>
        <translation>剪贴板为空。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="566"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="594"/>
        <location filename="../app/desktop/backend.cpp" line="674"/>
        <source>Select or create a profile first.</source>
        <translation>请先选择或创建一个配置。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="602"/>
        <source>Command: %1</source>
        <translation>命令：%1</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="623"/>
        <source>Port &quot;%1&quot; is not LISTENPORT:HOST:PORT (e.g. 8080:127.0.0.1:80).</source>
        <translation>端口“%1”不是 LISTENPORT:HOST:PORT 格式（例如 8080:127.0.0.1:80）。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="637"/>
        <source>No such host.</source>
        <translation>没有此主机。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="696"/>
        <source>No such tunnel.</source>
        <translation>没有此隧道。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="767"/>
        <source>A tunnel URL starts with server://, client:// or device://</source>
        <translation>隧道 URL 以 server://、client:// 或 device:// 开头</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="805"/>
        <source>Choose server, client or device link.</source>
        <translation>请选择服务端、客户端或设备链路。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="852"/>
        <source>Enter the relay&apos;s host.</source>
        <translation>请输入中继的主机。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="854"/>
        <source>The relay port must be 1-65535.</source>
        <translation>中继端口必须在 1-65535 之间。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="861"/>
        <source>A device link needs the relay&apos;s token.</source>
        <translation>设备链路需要中继的令牌。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="872"/>
        <source>Add at least one target, e.g. *=127.0.0.1:8080</source>
        <translation>请至少添加一个目标，例如 *=127.0.0.1:8080</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="807"/>
        <source>The tunnel port must be 1-65535.</source>
        <translation>隧道端口必须在 1-65535 之间。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="166"/>
        <source>The UI protocol is off.</source>
        <translation>UI 协议已关闭。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="809"/>
        <source>The target port must be 1-65535.</source>
        <translation>目标端口必须在 1-65535 之间。</translation>
    </message>
    <message>
        <location filename="../app/desktop/backend.cpp" line="812"/>
        <source>The key must not contain &apos;@&apos; or &apos;/&apos;.</source>
        <translation>密钥不能包含“@”或“/”。</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::ControlHost</name>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="21"/>
        <source>Serving the UI protocol on 127.0.0.1:%1; UIs attached: %2</source>
        <translation>在 127.0.0.1:%1 提供 UI 协议；已连接的 UI：%2</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="47"/>
        <source>The UI protocol is off (--ui-port 0).</source>
        <translation>UI 协议已关闭（--ui-port 0）。</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="72"/>
        <source>Looking for a daemon on 127.0.0.1:%1…</source>
        <translation>正在 127.0.0.1:%1 上查找守护进程…</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="96"/>
        <source>The UI protocol is off: %1</source>
        <translation>UI 协议已关闭：%1</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="111"/>
        <source>Attached to the daemon on 127.0.0.1:%1</source>
        <translation>已连接到 127.0.0.1:%1 上的守护进程</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="141"/>
        <source>Attached to the daemon on 127.0.0.1:%1; its node runs on port %2 (mesh %3, %4 of %5 tunnels running)</source>
        <translation>已连接到 127.0.0.1:%1 上的守护进程；其节点运行在端口 %2（网格%3，%5 个隧道中 %4 个在运行）</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="145"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="145"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../app/desktop/controlhost.cpp" line="150"/>
        <source>Attached to the daemon on 127.0.0.1:%1; its node is not running</source>
        <translation>已连接到 127.0.0.1:%1 上的守护进程；其节点未运行</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::ProfileMenuSection</name>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="133"/>
        <source>No profiles</source>
        <translation>没有配置</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::ProfileModel</name>
    <message numerus="yes">
        <location filename="../app/desktop/profilemodel.cpp" line="34"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n 个主机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/desktop/profilemodel.cpp" line="35"/>
        <source>%n tunnel(s)</source>
        <translation>
            <numerusform>%n 条隧道</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/desktop/profilemodel.cpp" line="36"/>
        <source>%n master(s)</source>
        <translation>
            <numerusform>%n 个主控</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>routeless::desktop::TrayIcon</name>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="105"/>
        <source>Routeless: %1</source>
        <translation>Routeless：%1</translation>
    </message>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="106"/>
        <source>Routeless: %1 (%2)</source>
        <translation>Routeless：%1（%2）</translation>
    </message>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="113"/>
        <source>Routeless — %1</source>
        <translation>Routeless — %1</translation>
    </message>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="119"/>
        <source>Show window</source>
        <translation>显示窗口</translation>
    </message>
    <message>
        <location filename="../app/desktop/trayicon.cpp" line="122"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>routeless::desktop::TunnelModel</name>
    <message>
        <location filename="../app/desktop/tunnelmodel.cpp" line="49"/>
        <source>unreachable</source>
        <translation>不可达</translation>
    </message>
</context>
</TS>
