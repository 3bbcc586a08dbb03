<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>HostDialog</name>
        <message>
            <location filename="../qml/HostDialog.qml" line="11" />
            <source>Add host</source>
            <translation>添加主机</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="11" />
            <source>Edit host</source>
            <translation>编辑主机</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="45" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="49" />
            <source>e.g. laptop</source>
            <translation>例如 laptop</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="51" />
            <source>Virtual IP</source>
            <translation>虚拟 IP</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="57" />
            <source>Launch</source>
            <translation>启动方式</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="63" />
            <source>Local agent</source>
            <translation>本地代理</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="73" />
            <source>user@host, container or pod</source>
            <translation>user@host、容器或 Pod</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="80" />
            <source>Command</source>
            <translation>命令</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="85" />
            <source>empty: run the local agent</source>
            <translation>留空：运行本地代理</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="87" />
            <source>Ports</source>
            <translation>端口</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="97" />
            <source>Do not listen on this machine's loopback (for a second agent on the same machine)</source>
            <translation>不在本机回环地址上监听（用于同一台机器上的第二个代理）</translation>
        </message>
    </context>
    <context>
        <name>HostState</name>
        <message>
            <location filename="../app/desktop/statenames.cpp" line="7" />
            <source>Stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <location filename="../app/desktop/statenames.cpp" line="7" />
            <source>Starting</source>
            <translation>正在启动</translation>
        </message>
        <message>
            <location filename="../app/desktop/statenames.cpp" line="8" />
            <source>Ready</source>
            <translation>就绪</translation>
        </message>
        <message>
            <location filename="../app/desktop/statenames.cpp" line="8" />
            <source>Restarting</source>
            <translation>正在重启</translation>
        </message>
        <message>
            <location filename="../app/desktop/statenames.cpp" line="9" />
            <source>Failed</source>
            <translation>失败</translation>
        </message>
    </context>
    <context>
        <name>LogsPage</name>
        <message>
            <location filename="../qml/LogsPage.qml" line="24" />
            <source>Save log</source>
            <translation>保存日志</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="26" />
            <source>Text files (*.log *.txt)</source>
            <translation>文本文件 (*.log *.txt)</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="37" />
            <source>All levels</source>
            <translation>所有级别</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="37" />
            <source>Info and above</source>
            <translation>信息及以上</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="37" />
            <source>Warnings and errors</source>
            <translation>警告和错误</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="37" />
            <source>Errors only</source>
            <translation>仅错误</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="15" />
            <source>All sources</source>
            <translation>所有来源</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="49" />
            <source>Search</source>
            <translation>搜索</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="53" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="57" />
            <source>Save…</source>
            <translation>保存…</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="61" />
            <source>Clear</source>
            <translation>清空</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="124" />
            <source>%1 lines shown</source>
            <translation>显示 %1 行</translation>
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <location filename="../qml/Main.qml" line="9" />
            <source>Routeless — %1</source>
            <translation>Routeless — %1</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="10" />
            <source>Routeless</source>
            <translation>Routeless</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="41" />
            <location filename="../qml/Main.qml" line="43" />
            <source>Mesh</source>
            <translation>网格</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="41" />
            <location filename="../qml/Main.qml" line="44" />
            <source>Tunnels</source>
            <translation>隧道</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="41" />
            <location filename="../qml/Main.qml" line="45" />
            <source>Profiles</source>
            <translation>配置</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="41" />
            <location filename="../qml/Main.qml" line="46" />
            <source>Logs</source>
            <translation>日志</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="41" />
            <location filename="../qml/Main.qml" line="47" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="82" />
            <source>Meshes and tunnels</source>
            <translation>网格与隧道</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="126" />
            <source>Another profile</source>
            <translation>其他配置</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="127" />
            <source>No profile connected</source>
            <translation>未连接任何配置</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="134" />
            <source>↓ %1   ↑ %2</source>
            <translation>↓ %1   ↑ %2</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="141" />
            <source>Disconnect</source>
            <translation>断开</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="141" />
            <source>Connect</source>
            <translation>连接</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="182" />
            <source>Profile</source>
            <translation>配置</translation>
        </message>
    </context>
    <context>
        <name>MeshPage</name>
        <message>
            <location filename="../qml/MeshPage.qml" line="32" />
            <source>Hosts ready</source>
            <translation>就绪主机</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="33" />
            <source>Download</source>
            <translation>下载</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="34" />
            <source>Upload</source>
            <translation>上传</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="35" />
            <location filename="../qml/MeshPage.qml" line="229" />
            <source>Forwards</source>
            <translation>端口转发</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="81" />
            <source>Demo traffic is flowing: the app fetches http://127.0.42.2:18080/ every second, through host alpha and host beta, from its built-in responder. Try it in a browser.</source>
            <translation>演示流量正在传输：应用每秒通过主机 alpha 和 beta 访问 http://127.0.42.2:18080/，由内置响应器应答。可以在浏览器中试试。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="82" />
            <source>The demo runs two local agents (alpha and beta) and forwards 127.0.42.2:18080 to a built-in web responder. Connect it to see traffic.</source>
            <translation>演示运行两个本地代理（alpha 和 beta），并将 127.0.42.2:18080 转发到内置的网页响应器。连接后即可看到流量。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="88" />
            <source>Hosts</source>
            <translation>主机</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="89" />
            <source>Live state, sampled every second</source>
            <translation>实时状态，每秒采样</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="90" />
            <source>Not running; connect the profile to start its agents</source>
            <translation>未运行；连接此配置以启动其代理</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="93" />
            <source>Add host</source>
            <translation>添加主机</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="99" />
            <source>Stop mesh</source>
            <translation>停止网格</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="99" />
            <source>Start mesh</source>
            <translation>启动网格</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="109" />
            <source>This profile has no hosts. Add one, or import a NoRouter manifest on the Profiles screen.</source>
            <translation>此配置没有主机。请添加一个，或在“配置”页面导入 NoRouter 清单。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="120" />
            <source>Host</source>
            <translation>主机</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="121" />
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="122" />
            <source>PID / restarts / uptime</source>
            <translation>PID / 重启次数 / 运行时间</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="123" />
            <source>Traffic (in / out)</source>
            <translation>流量（入 / 出）</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="198" />
            <source>total %1 / %2</source>
            <translation>合计 %1 / %2</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="209" />
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="213" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="230" />
            <source>Listen on the mesh, connect on the owning host</source>
            <translation>在网格上监听，在所属主机上连接</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="233" />
            <source>No forwards. Add ports to a host (e.g. 8080:127.0.0.1:80).</source>
            <translation>没有端口转发。请为主机添加端口（例如 8080:127.0.0.1:80）。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="255" />
            <source>on %1</source>
            <translation>在 %1 上</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="269" />
            <source>Routing table</source>
            <translation>路由表</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="270" />
            <source>Where the manager sends each destination</source>
            <translation>管理器将各目标发往何处</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="273" />
            <source>Empty until the mesh runs.</source>
            <translation>网格运行前为空。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="292" />
            <source>via %1</source>
            <translation>经由 %1</translation>
        </message>
    </context>
    <context>
        <name>ProfilesPage</name>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="41" />
            <source>Import profiles</source>
            <translation>导入配置</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="43" />
            <source>Profiles and manifests (*.json *.yaml *.yml *.txt)</source>
            <translation>配置和清单 (*.json *.yaml *.yml *.txt)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="43" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="44" />
            <location filename="../qml/ProfilesPage.qml" line="125" />
            <location filename="../qml/ProfilesPage.qml" line="127" />
            <location filename="../qml/ProfilesPage.qml" line="153" />
            <source>Imported.</source>
            <translation>已导入。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="49" />
            <location filename="../qml/ProfilesPage.qml" line="75" />
            <source>Export profile</source>
            <translation>导出配置</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="53" />
            <source>Exported.</source>
            <translation>已导出。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="59" />
            <source>Rename profile</source>
            <translation>重命名配置</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="59" />
            <location filename="../qml/ProfilesPage.qml" line="139" />
            <source>New profile</source>
            <translation>新建配置</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="67" />
            <source>Profile name</source>
            <translation>配置名称</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="86" />
            <source>Routeless profile (JSON)</source>
            <translation>Routeless 配置 (JSON)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="86" />
            <source>NoRouter manifest (YAML)</source>
            <translation>NoRouter 清单 (YAML)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="86" />
            <source>NodePass URLs (one per line)</source>
            <translation>NodePass URL（每行一个）</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="90" />
            <source>Include keys and API secrets</source>
            <translation>包含密钥和 API 机密</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="94" />
            <source>Include local paths (state directories, certificates)</source>
            <translation>包含本地路径（状态目录、证书）</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="101" />
            <source>Leave both unchecked to share a profile safely.</source>
            <translation>两项都不勾选即可安全地分享配置。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="105" />
            <source>Save to file…</source>
            <translation>保存到文件…</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="109" />
            <source>Copy to clipboard</source>
            <translation>复制到剪贴板</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="113" />
            <source>Copied to the clipboard.</source>
            <translation>已复制到剪贴板。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="148" />
            <source>Import file…</source>
            <translation>导入文件…</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="152" />
            <source>Import from clipboard</source>
            <translation>从剪贴板导入</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="157" />
            <source>Drop a file or links here to import</source>
            <translation>将文件或链接拖放到此处以导入</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="183" />
            <source>Saved profiles</source>
            <translation>已保存的配置</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="184" />
            <source>Stored in %1</source>
            <translation>保存在 %1</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="234" />
            <source>Connected</source>
            <translation>已连接</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="239" />
            <location filename="../qml/ProfilesPage.qml" line="254" />
            <source>Default</source>
            <translation>默认</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="249" />
            <source>Disconnect</source>
            <translation>断开</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="249" />
            <source>Connect</source>
            <translation>连接</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="259" />
            <source>Rename</source>
            <translation>重命名</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="263" />
            <source>Duplicate</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="267" />
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="271" />
            <source>Delete</source>
            <translation>删除</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../qml/SettingsPage.qml" line="18" />
            <source>Start-up</source>
            <translation>启动</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="20" />
            <source>Start Routeless when I log in</source>
            <translation>登录时启动 Routeless</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="25" />
            <source>Start minimized to the tray</source>
            <translation>启动时最小化到托盘</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="31" />
            <source>Connect the last used profile on start</source>
            <translation>启动时连接上次使用的配置</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="41" />
            <source>No system tray was found, so closing the window quits Routeless.</source>
            <translation>未找到系统托盘，因此关闭窗口将退出 Routeless。</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="47" />
            <source>Appearance</source>
            <translation>外观</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="52" />
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="57" />
            <source>System default</source>
            <translation>系统默认</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="61" />
            <source>Theme</source>
            <translation>主题</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="67" />
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="67" />
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="76" />
            <source>About</source>
            <translation>关于</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="78" />
            <source>Routeless %1</source>
            <translation>Routeless %1</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="83" />
            <source>Settings and profiles: %1</source>
            <translation>设置和配置：%1</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="90" />
            <source>Agent: %1</source>
            <translation>代理程序：%1</translation>
        </message>
    </context>
    <context>
        <name>TunnelDialog</name>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="17" />
            <source>Add tunnel</source>
            <translation>添加隧道</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="17" />
            <source>Edit tunnel</source>
            <translation>编辑隧道</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="72" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="76" />
            <source>e.g. office web</source>
            <translation>例如 office web</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="83" />
            <source>Form</source>
            <translation>表单</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="84" />
            <source>Raw URL</source>
            <translation>原始 URL</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="96" />
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="101" />
            <source>Server (listens for clients, exposes the target)</source>
            <translation>服务端（等待客户端连接，暴露目标）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="101" />
            <source>Client (connects to a server)</source>
            <translation>客户端（连接到服务端）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="104" />
            <source>Key</source>
            <translation>密钥</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="110" />
            <source>optional shared secret</source>
            <translation>可选的共享密钥</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="113" />
            <source>Tunnel</source>
            <translation>隧道</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="129" />
            <source>Target</source>
            <translation>目标</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="146" />
            <source>TLS</source>
            <translation>TLS</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="151" />
            <source>0: none</source>
            <translation>0：无</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="151" />
            <source>1: self-signed</source>
            <translation>1：自签名</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="151" />
            <source>2: certificate</source>
            <translation>2：证书</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="154" />
            <source>Log</source>
            <translation>日志</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="161" />
            <source>Pool min</source>
            <translation>连接池最小</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="169" />
            <source>max</source>
            <translation>最大</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="192" />
            <source>Start with the profile</source>
            <translation>随配置启动</translation>
        </message>
    </context>
    <context>
        <name>TunnelState</name>
        <message>
            <location filename="../app/desktop/statenames.cpp" line="9" />
            <source>Stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <location filename="../app/desktop/statenames.cpp" line="10" />
            <source>Starting</source>
            <translation>正在启动</translation>
        </message>
        <message>
            <location filename="../app/desktop/statenames.cpp" line="10" />
            <source>Running</source>
            <translation>运行中</translation>
        </message>
        <message>
            <location filename="../app/desktop/statenames.cpp" line="11" />
            <source>Restarting</source>
            <translation>正在重启</translation>
        </message>
        <message>
            <location filename="../app/desktop/statenames.cpp" line="11" />
            <source>Failed</source>
            <translation>失败</translation>
        </message>
    </context>
    <context>
        <name>TunnelsPage</name>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="30" />
            <source>NodePass tunnels</source>
            <translation>NodePass 隧道</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="31" />
            <source>%1 of %2 running</source>
            <translation>%2 个中 %1 个正在运行</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="34" />
            <source>Add tunnel</source>
            <translation>添加隧道</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="49" />
            <source>No tunnels in this profile</source>
            <translation>此配置中没有隧道</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="60" />
            <source>Add a server:// or client:// tunnel with the form, or import NodePass URLs, np:// links or a NodePassDash backup on the Profiles screen.</source>
            <translation>使用表单添加 server:// 或 client:// 隧道，或在“配置”页面导入 NodePass URL、np:// 链接或 NodePassDash 备份。</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="113" />
            <source>Start</source>
            <translation>启动</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="114" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="115" />
            <source>Restart</source>
            <translation>重启</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="116" />
            <source>Ping</source>
            <translation>Ping</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="117" />
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="118" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="131" />
            <source>Target %1</source>
            <translation>目标 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="132" />
            <source>Ping %1</source>
            <translation>Ping %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="133" />
            <source>Pool %1</source>
            <translation>连接池 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="134" />
            <source>TCP %1 · UDP %2</source>
            <translation>TCP %1 · UDP %2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="135" />
            <source>↓ %1 ↑ %2</source>
            <translation>↓ %1 ↑ %2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="136" />
            <source>Restarts %1 · up %2</source>
            <translation>重启 %1 次 · 已运行 %2</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ActivityMenuSection</name>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="158" />
            <source>Tunnel %1: %2</source>
            <translation>隧道 %1：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="164" />
            <source>Forward %1 → %2 on %3: %4</source>
            <translation>转发 %1 → %2（在 %3 上）：%4</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::Backend</name>
        <message>
            <location filename="../app/desktop/backend.cpp" line="337" />
            <source>Disconnected. Nothing is running.</source>
            <translation>已断开。没有任何内容在运行。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="340" />
            <source>"%1" is still connecting.</source>
            <translation>“%1”仍在连接。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="343" />
            <source>"%1" is connected: %2 of %3 hosts ready.</source>
            <translation>“%1”已连接：%3 个主机中 %2 个就绪。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="349" />
            <source>"%1" has a problem: %2 of %3 hosts ready. See Logs.</source>
            <translation>“%1”出现问题：%3 个主机中 %2 个就绪。请查看日志。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="362" />
            <source>Disconnected</source>
            <translation>已断开</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="364" />
            <source>Connecting</source>
            <translation>正在连接</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="366" />
            <source>Connected</source>
            <translation>已连接</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="368" />
            <source>Problem</source>
            <translation>有问题</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="415" />
            <location filename="../app/desktop/backend.cpp" line="436" />
            <source>A profile needs a name.</source>
            <translation>配置需要一个名称。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="426" />
            <location filename="../app/desktop/backend.cpp" line="435" />
            <location filename="../app/desktop/backend.cpp" line="445" />
            <location filename="../app/desktop/backend.cpp" line="527" />
            <source>No such profile.</source>
            <translation>没有此配置。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="428" />
            <source>%1 copy</source>
            <translation>%1 副本</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="463" />
            <source>Imported</source>
            <translation>已导入</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="466" />
            <location filename="../app/desktop/backend.cpp" line="480" />
            <location filename="../app/desktop/backend.cpp" line="489" />
            <source>Nothing was imported. %1</source>
            <translation>未导入任何内容。%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="505" />
            <source>Cannot read %1: %2</source>
            <translation>无法读取 %1：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="506" />
            <source>%1 is too large to be a profile.</source>
            <translation>%1 太大，不可能是配置。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="513" />
            <source>The clipboard is empty.</source>
            <translation>剪贴板为空。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="531" />
            <source>Cannot write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="559" />
            <location filename="../app/desktop/backend.cpp" line="639" />
            <source>Select or create a profile first.</source>
            <translation>请先选择或创建一个配置。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="567" />
            <source>Command: %1</source>
            <translation>命令：%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="588" />
            <source>Port "%1" is not LISTENPORT:HOST:PORT (e.g. 8080:127.0.0.1:80).</source>
            <translation>端口“%1”不是 LISTENPORT:HOST:PORT 格式（例如 8080:127.0.0.1:80）。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="602" />
            <source>No such host.</source>
            <translation>没有此主机。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="654" />
            <source>No such tunnel.</source>
            <translation>没有此隧道。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="704" />
            <source>A tunnel URL starts with server:// or client://</source>
            <translation>隧道 URL 以 server:// 或 client:// 开头</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="734" />
            <source>Choose server or client.</source>
            <translation>请选择服务端或客户端。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="736" />
            <source>The tunnel port must be 1-65535.</source>
            <translation>隧道端口必须在 1-65535 之间。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="738" />
            <source>The target port must be 1-65535.</source>
            <translation>目标端口必须在 1-65535 之间。</translation>
        </message>
        <message>
            <location filename="../app/desktop/backend.cpp" line="741" />
            <source>The key must not contain '@' or '/'.</source>
            <translation>密钥不能包含“@”或“/”。</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ProfileMenuSection</name>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="133" />
            <source>No profiles</source>
            <translation>没有配置</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ProfileModel</name>
        <message numerus="yes">
            <location filename="../app/desktop/profilemodel.cpp" line="34" />
            <source>%n host(s)</source>
            <translation>
                <numerusform>%n 个主机</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/profilemodel.cpp" line="35" />
            <source>%n tunnel(s)</source>
            <translation>
                <numerusform>%n 条隧道</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/profilemodel.cpp" line="36" />
            <source>%n master(s)</source>
            <translation>
                <numerusform>%n 个主控</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::TrayIcon</name>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="105" />
            <source>Routeless: %1</source>
            <translation>Routeless：%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="106" />
            <source>Routeless: %1 (%2)</source>
            <translation>Routeless：%1（%2）</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="113" />
            <source>Routeless — %1</source>
            <translation>Routeless — %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="119" />
            <source>Show window</source>
            <translation>显示窗口</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="122" />
            <source>Quit</source>
            <translation>退出</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::TunnelModel</name>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="51" />
            <source>unreachable</source>
            <translation>不可达</translation>
        </message>
    </context>
</TS>
