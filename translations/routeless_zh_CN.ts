<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ConfirmDialog</name>
        <message>
            <location filename="../qml/ConfirmDialog.qml" line="10" />
            <source>OK</source>
            <translation>确定</translation>
        </message>
    </context>
    <context>
        <name>ConnectionCard</name>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="18" />
            <source>Connection</source>
            <translation>连接</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="42" />
            <source>No profile connected</source>
            <translation>未连接任何配置</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="64" />
            <source>Host %1: %2</source>
            <translation>主机 %1：%2</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="66" />
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="84" />
            <source>↓ %1   ↑ %2</source>
            <translation>↓ %1   ↑ %2</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="95" />
            <source>Disconnect</source>
            <translation>断开</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="95" />
            <source>Connect</source>
            <translation>连接</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="97" />
            <source>Disconnect %1</source>
            <translation>断开 %1</translation>
        </message>
        <message>
            <location filename="../qml/ConnectionCard.qml" line="98" />
            <source>Connect %1</source>
            <translation>连接 %1</translation>
        </message>
    </context>
    <context>
        <name>HostDialog</name>
        <message>
            <location filename="../qml/HostDialog.qml" line="13" />
            <source>Add host</source>
            <translation>添加主机</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="66" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="71" />
            <source>e.g. laptop</source>
            <translation>例如 laptop</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="74" />
            <location filename="../qml/HostDialog.qml" line="79" />
            <source>Virtual IP</source>
            <translation>虚拟 IP</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="81" />
            <source>Launch</source>
            <translation>启动方式</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="88" />
            <source>Local agent</source>
            <translation>本地代理</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="97" />
            <source>user@host, container or pod</source>
            <translation>user@host、容器或 Pod</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="126" />
            <source>Command</source>
            <translation>命令</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="132" />
            <source>empty: run the local agent</source>
            <translation>留空：运行本地代理</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="135" />
            <source>Ports</source>
            <translation>端口</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="152" />
            <source>Do not listen on this machine's loopback (for a second agent on the same machine)</source>
            <translation>不在本机回环地址上监听（用于同一台机器上的第二个代理）</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="13" />
            <source>Edit host %1</source>
            <translation>编辑主机 %1</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="72" />
            <source>Host name</source>
            <translation>主机名称</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="89" />
            <source>Kind of host</source>
            <translation>主机类型</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="98" />
            <source>Host, container or pod</source>
            <translation>主机、容器或 Pod</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="103" />
            <source>Key file</source>
            <translation>密钥文件</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="110" />
            <source>optional, e.g. ~/.ssh/id_ed25519</source>
            <translation>可选，例如 ~/.ssh/id_ed25519</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="111" />
            <source>ssh key file</source>
            <translation>ssh 密钥文件</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="115" />
            <source>Jump host</source>
            <translation>跳板主机</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="122" />
            <source>optional, e.g. user@bastion</source>
            <translation>可选，例如 user@bastion</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="123" />
            <source>ssh jump host</source>
            <translation>ssh 跳板主机</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="133" />
            <source>Launch command</source>
            <translation>启动命令</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="142" />
            <source>Ports, LISTENPORT:HOST:PORT separated by commas</source>
            <translation>端口，LISTENPORT:HOST:PORT，以逗号分隔</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="149" />
            <source>Do not listen on this machine's loopback</source>
            <translation>不在本机回环地址上监听</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="167" />
            <location filename="../qml/HostDialog.qml" line="173" />
            <source>Copy the agent to this host when it lacks it</source>
            <translation>主机缺少代理时自动复制过去</translation>
        </message>
        <message>
            <location filename="../qml/HostDialog.qml" line="170" />
            <source>Before starting, look for the agent on the host and upload the matching build through the launch command when it is missing (the manifest's zeroInstall key).</source>
            <translation>启动前先在主机上查找代理，缺失时通过启动命令上传匹配的版本（清单中的 zeroInstall 键）。</translation>
        </message>
    </context>
    <context>
        <name>HostProblem</name>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="22" />
            <source>An address this host listens on is already in use.</source>
            <translation>此主机监听的某个地址已被占用。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="23" />
            <source>If two hosts of this profile run on this machine, tick "Do not listen on this machine's loopback" for all but one of them; otherwise stop the program that holds the port.</source>
            <translation>如果此配置的两个主机运行在本机上，请为除其中一个以外的所有主机勾选“不在本机回环地址上监听”；否则请停止占用该端口的程序。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="37" />
            <source>The host name in the command cannot be resolved.</source>
            <translation>无法解析命令中的主机名。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="38" />
            <source>Check the spelling of the host in the command, or add it to ~/.ssh/config or /etc/hosts.</source>
            <translation>请检查命令中主机名的拼写，或将其添加到 ~/.ssh/config 或 /etc/hosts。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="44" />
            <source>ssh does not trust the host's key.</source>
            <translation>ssh 不信任该主机的密钥。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="45" />
            <source>Connect once with ssh in a terminal to accept the key, or remove the old key with ssh-keygen -R HOST if the host was reinstalled.</source>
            <translation>请在终端中用 ssh 连接一次以接受密钥；如果主机已重装，请用 ssh-keygen -R HOST 删除旧密钥。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="51" />
            <source>ssh could not log in.</source>
            <translation>ssh 无法登录。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="52" />
            <source>The app cannot type a password: copy your key to the host (ssh-copy-id USER@HOST), load it into your ssh agent (ssh-add), or set the user and key in ~/.ssh/config.</source>
            <translation>应用无法输入密码：请将密钥复制到主机（ssh-copy-id USER@HOST），加载到 ssh 代理（ssh-add），或在 ~/.ssh/config 中设置用户和密钥。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="60" />
            <source>The host does not answer.</source>
            <translation>主机没有响应。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="61" />
            <source>Check that the machine is on and reachable, and that its ssh server runs on the port in the command.</source>
            <translation>请检查该机器是否开机且可达，以及其 ssh 服务器是否运行在命令中的端口上。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="68" />
            <source>The container or pod in the command does not exist or is not running.</source>
            <translation>命令中的容器或 Pod 不存在或未运行。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="69" />
            <source>Start it, or correct its name in the command.</source>
            <translation>请启动它，或更正命令中的名称。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="72" />
            <source>The command's program cannot be started on this machine.</source>
            <translation>无法在本机上启动命令中的程序。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="73" />
            <source>Install it (for ssh: openssh-client) or give its full path in the command.</source>
            <translation>请安装它（ssh 需要 openssh-client），或在命令中给出其完整路径。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="80" />
            <source>routeless-node is not installed where the command runs.</source>
            <translation>命令运行的位置未安装 routeless-node。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="81" />
            <source>Copy routeless-node to the host (e.g. scp routeless-node HOST:.local/bin/) or give its full path in the command.</source>
            <translation>请将 routeless-node 复制到主机（例如 scp routeless-node HOST:.local/bin/），或在命令中给出其完整路径。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="87" />
            <source>The agent refused its configuration.</source>
            <translation>代理拒绝了其配置。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="88" />
            <source>Update routeless-node on the host to the version of this app.</source>
            <translation>请将主机上的 routeless-node 更新到与本应用相同的版本。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostproblem.cpp" line="92" />
            <source>See Logs for everything the host printed.</source>
            <translation>主机输出的全部内容请见“日志”。</translation>
        </message>
    </context>
    <context>
        <name>HostServices</name>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="32" />
            <source>SOCKS proxy</source>
            <translation>SOCKS 代理</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="35" />
            <source>HTTP proxy</source>
            <translation>HTTP 代理</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="38" />
            <source>DNS</source>
            <translation>DNS</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="42" />
            <source>UDP forward</source>
            <translation>UDP 转发</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="43" />
            <source>%1 → %2:%3</source>
            <translation>%1 → %2:%3</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="48" />
            <source>Learned route</source>
            <translation>学习到的路由</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostservices.cpp" line="48" />
            <source>%1 via this host</source>
            <translation>%1 经由此主机</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../qml/ImportDialog.qml" line="15" />
            <source>Import from %1</source>
            <translation>从 %1 导入</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="20" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="27" />
            <source>Imported into %1.</source>
            <translation>已导入到 %1。</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="28" />
            <source>Imported.</source>
            <translation>已导入。</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="42" />
            <source>As new profile(s): %1</source>
            <translation>作为新配置：%1</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="50" />
            <source>Into the shown profile, %1</source>
            <translation>导入到当前显示的配置 %1</translation>
        </message>
        <message>
            <location filename="../qml/ImportDialog.qml" line="97" />
            <source>Let only the first of them listen (loopback.disable for the others)</source>
            <translation>只让第一个监听（其余设置 loopback.disable）</translation>
        </message>
    </context>
    <context>
        <name>ListenConflict</name>
        <message>
            <location filename="../app/desktop/listenconflicts.cpp" line="34" />
            <source>%1, %2</source>
            <comment>a list of host names</comment>
            <translation>%1、%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/listenconflicts.cpp" line="35" />
            <source>%1 and %2</source>
            <comment>the last two of a list of host names</comment>
            <translation>%1 和 %2</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/listenconflicts.cpp" line="43" />
            <source>%n more</source>
            <translation>
                <numerusform>另外 %n 个</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../app/desktop/listenconflicts.cpp" line="46" />
            <source>Let one of them listen and set "Do not listen on this machine's loopback" for the others.</source>
            <translation>请只让其中一个监听，并为其他主机勾选“不在本机回环地址上监听”。</translation>
        </message>
        <message>
            <location filename="../app/desktop/listenconflicts.cpp" line="51" />
            <source>%1 both run on this machine and would both listen on %2; only one of them can.</source>
            <translation>%1 都在本机运行，且都会在 %2 上监听；只有其中一个能成功。</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/listenconflicts.cpp" line="54" />
            <source>All %n hosts, %1, run on this machine and would all listen on %2; only one of them can.</source>
            <translation>
                <numerusform>全部 %n 个主机（%1）都在本机运行，且都会在 %2 上监听；只有其中一个能成功。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LogsPage</name>
        <message>
            <location filename="../qml/LogsPage.qml" line="32" />
            <source>Save log</source>
            <translation>保存日志</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="45" />
            <source>All levels</source>
            <translation>所有级别</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="45" />
            <source>Info and above</source>
            <translation>信息及以上</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="45" />
            <source>Warnings and errors</source>
            <translation>警告和错误</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="45" />
            <source>Errors only</source>
            <translation>仅错误</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="20" />
            <source>All sources</source>
            <translation>所有来源</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="61" />
            <source>Search</source>
            <translation>搜索</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="69" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="75" />
            <source>Save…</source>
            <translation>保存…</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="81" />
            <location filename="../qml/LogsPage.qml" line="88" />
            <source>Clear</source>
            <translation>清空</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="164" />
            <source>%1 lines shown</source>
            <translation>显示 %1 行</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="12" />
            <source>Logs</source>
            <translation>日志</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="34" />
            <source>Log files (*.log *.txt)</source>
            <translation>日志文件 (*.log *.txt)</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="34" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="47" />
            <source>Level</source>
            <translation>级别</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="55" />
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="63" />
            <source>Search the log</source>
            <translation>搜索日志</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="70" />
            <source>Copy the lines shown</source>
            <translation>复制显示的行</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="76" />
            <source>Save the lines shown to a file</source>
            <translation>将显示的行保存到文件</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="82" />
            <source>Clear the log</source>
            <translation>清空日志</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="86" />
            <source>Clear the log?</source>
            <translation>清空日志？</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="87" />
            <source>Every line goes, in every source and level, not only the lines shown. Save them first if you may need them.</source>
            <translation>所有来源和级别的每一行都会被清除，而不只是显示的行。如果以后可能需要，请先保存。</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="108" />
            <source>Log lines</source>
            <translation>日志行</translation>
        </message>
        <message>
            <location filename="../qml/LogsPage.qml" line="158" />
            <source>The log was not saved: %1</source>
            <translation>日志未保存：%1</translation>
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <location filename="../qml/Main.qml" line="91" />
            <source>Mesh</source>
            <translation>网格</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="92" />
            <source>Tunnels</source>
            <translation>隧道</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="93" />
            <source>Profiles</source>
            <translation>配置</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="94" />
            <source>Logs</source>
            <translation>日志</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="95" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="140" />
            <source>Meshes and tunnels</source>
            <translation>网格与隧道</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="200" />
            <source>Profile</source>
            <translation>配置</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="112" />
            <source>Pages</source>
            <translation>页面</translation>
        </message>
        <message>
            <location filename="../qml/Main.qml" line="214" />
            <source>Profile shown</source>
            <translation>当前显示的配置</translation>
        </message>
    </context>
    <context>
        <name>MeshPage</name>
        <message>
            <location filename="../qml/MeshPage.qml" line="116" />
            <source>Hosts ready</source>
            <translation>就绪主机</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="117" />
            <source>Download</source>
            <translation>下载</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="118" />
            <source>Upload</source>
            <translation>上传</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="119" />
            <location filename="../qml/MeshPage.qml" line="491" />
            <source>Forwards</source>
            <translation>端口转发</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="167" />
            <source>Demo traffic is flowing: the app fetches http://127.0.42.2:18080/ every second, through host alpha and host beta, from its built-in responder. Try it in a browser.</source>
            <translation>演示流量正在传输：应用每秒通过主机 alpha 和 beta 访问 http://127.0.42.2:18080/，由内置响应器应答。可以在浏览器中试试。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="168" />
            <source>The demo runs two local agents (alpha and beta) and forwards 127.0.42.2:18080 to a built-in web responder. Connect it to see traffic.</source>
            <translation>演示运行两个本地代理（alpha 和 beta），并将 127.0.42.2:18080 转发到内置的网页响应器。连接后即可看到流量。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="202" />
            <source>Hosts</source>
            <translation>主机</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="203" />
            <source>Live state, sampled every second</source>
            <translation>实时状态，每秒采样</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="204" />
            <source>Not running; connect the profile to start its agents</source>
            <translation>未运行；连接此配置以启动其代理</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="208" />
            <source>Add host</source>
            <translation>添加主机</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="224" />
            <source>Stop mesh</source>
            <translation>停止网格</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="224" />
            <source>Start mesh</source>
            <translation>启动网格</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="234" />
            <source>This profile has no hosts. Add one, or import a NoRouter manifest on the Profiles screen.</source>
            <translation>此配置没有主机。请添加一个，或在“配置”页面导入 NoRouter 清单。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="306" />
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="97" />
            <location filename="../qml/MeshPage.qml" line="322" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="492" />
            <source>Listen on the mesh, connect on the owning host</source>
            <translation>在网格上监听，在所属主机上连接</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="495" />
            <source>No forwards. Add ports to a host (e.g. 8080:127.0.0.1:80).</source>
            <translation>没有端口转发。请为主机添加端口（例如 8080:127.0.0.1:80）。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="437" />
            <location filename="../qml/MeshPage.qml" line="533" />
            <source>Start</source>
            <translation>启动</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="437" />
            <location filename="../qml/MeshPage.qml" line="533" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="535" />
            <source>Start forward %1 on %2</source>
            <translation>启动 %2 上的转发 %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="536" />
            <source>Stop forward %1 on %2</source>
            <translation>停止 %2 上的转发 %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="553" />
            <source>Routing table</source>
            <translation>路由表</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="554" />
            <source>Where the manager sends each destination</source>
            <translation>管理器将各目标发往何处</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="557" />
            <source>Empty until the mesh runs.</source>
            <translation>网格运行前为空。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="578" />
            <source>via %1</source>
            <translation>经由 %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="15" />
            <source>Mesh</source>
            <translation>网格</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="34" />
            <source>Test speed from %1 to…</source>
            <translation>测试从 %1 到…的速度</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="45" />
            <source>Measures connect latency and %1 s of throughput each way through the mesh.</source>
            <translation>测量经由网格的连接延迟，以及每个方向 %1 秒的吞吐量。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="46" />
            <source>This profile has no other host.</source>
            <translation>此配置没有其他主机。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="60" />
            <source>Test speed from %1 to %2</source>
            <translation>测试从 %1 到 %2 的速度</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="76" />
            <source>Agent %1 found on the host</source>
            <translation>在主机上找到代理 %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="78" />
            <source>Agent %1 uploaded</source>
            <translation>代理 %1 已上传</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="80" />
            <source>Agent %1 cached</source>
            <translation>代理 %1 已缓存</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="81" />
            <source>Agent %1 (%2)</source>
            <translation>代理 %1（%2）</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="86" />
            <source>The host already had routeless-agent on its PATH; nothing was copied.</source>
            <translation>主机的 PATH 中已有 routeless-agent，未复制任何文件。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="88" />
            <source>The host lacked the agent: this start copied the matching build into ~/.cache/routeless/ on it.</source>
            <translation>主机缺少代理：本次启动已将匹配的版本复制到其 ~/.cache/routeless/ 中。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="90" />
            <source>A copy uploaded earlier, with the right content hash, was found in ~/.cache/routeless/ and reused.</source>
            <translation>在 ~/.cache/routeless/ 中找到了之前上传且内容哈希正确的副本，已直接复用。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="95" />
            <source>Remove host %1?</source>
            <translation>移除主机 %1？</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="96" />
            <source>The host leaves the profile; while it is connected, its agent stops and the other hosts keep running. You can undo this.</source>
            <translation>该主机将从配置中移除；若配置已连接，其代理会停止，其他主机继续运行。此操作可以撤销。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="100" />
            <source>Removed host %1.</source>
            <translation>已移除主机 %1。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="178" />
            <source>Let only the first listen</source>
            <translation>只让第一个监听</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="182" />
            <source>Only the first local host listens on this machine now.</source>
            <translation>现在本机上只有第一个本地主机在监听。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="190" />
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="195" />
            <source>Host %1 is back.</source>
            <translation>主机 %1 已恢复。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="214" />
            <source>Test all</source>
            <translation>全部测试</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="215" />
            <source>Test every host and tunnel</source>
            <translation>测试所有主机和隧道</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="273" />
            <source>Host %1, %2, %3</source>
            <translation>主机 %1，%2，%3</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="303" />
            <source>Actions for host %1</source>
            <translation>主机 %1 的操作</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="307" />
            <source>Edit host %1</source>
            <translation>编辑主机 %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="311" />
            <source>Test speed to…</source>
            <translation>测速到…</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="312" />
            <source>Test speed from host %1 to another host</source>
            <translation>测试从主机 %1 到另一台主机的速度</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="317" />
            <source>Check</source>
            <translation>检查</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="318" />
            <source>Check the command of host %1</source>
            <translation>检查主机 %1 的命令</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="323" />
            <source>Remove host %1</source>
            <translation>移除主机 %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="348" />
            <source>PID %1 · %2 restarts · up %3</source>
            <translation>PID %1 · 重启 %2 次 · 已运行 %3</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="354" />
            <source>↓ %1 ↑ %2 (total %3 / %4)</source>
            <translation>↓ %1 ↑ %2（总计 %3 / %4）</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="372" />
            <source>Latency %1</source>
            <translation>延迟 %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="440" />
            <source>Start %1 of host %2</source>
            <translation>启动主机 %2 的%1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="441" />
            <source>Stop %1 of host %2</source>
            <translation>停止主机 %2 的%1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="451" />
            <source>Copy %1 of host %2: %3</source>
            <translation>复制主机 %2 的%1：%3</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="456" />
            <source>Copied %1.</source>
            <translation>已复制 %1。</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="466" />
            <source>Check: %1</source>
            <translation>检查：%1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="515" />
            <source>Forward %1 to %2 on %3, %4</source>
            <translation>转发 %1 到 %3 上的 %2，%4</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="522" />
            <source>%1 → %2 on %3 (%4)</source>
            <translation>%1 → %3 上的 %2（%4）</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="449" />
            <location filename="../qml/MeshPage.qml" line="541" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="542" />
            <source>Copy address %1</source>
            <translation>复制地址 %1</translation>
        </message>
        <message>
            <location filename="../qml/MeshPage.qml" line="569" />
            <source>%1 via %2</source>
            <translation>%1 经由 %2</translation>
        </message>
    </context>
    <context>
        <name>MessageBar</name>
        <message>
            <location filename="../qml/MessageBar.qml" line="45" />
            <source>Dismiss</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>ProfileImport</name>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="44" />
            <source>Adds host %1 (%2)</source>
            <translation>添加主机 %1（%2）</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="46" />
            <source>Changes host %1: %2</source>
            <translation>更改主机 %1：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="58" />
            <source>Adds a route via %1 to %2</source>
            <translation>添加经由 %1 到 %2 的路由</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="66" />
            <source>Adds tunnel %1</source>
            <translation>添加隧道 %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="68" />
            <source>Changes tunnel %1</source>
            <translation>更改隧道 %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="79" />
            <source>Adds master %1</source>
            <translation>添加主控 %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="81" />
            <source>Changes master %1</source>
            <translation>更改主控 %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="89" />
            <source>Nothing changes: the profile already has all of it.</source>
            <translation>没有变化：配置已包含全部内容。</translation>
        </message>
        <message numerus="yes">
            <location filename="../app/desktop/profileimport.cpp" line="91" />
            <source>%n entry(s) already there stay as they are.</source>
            <translation>
                <numerusform>%n 个已有条目保持不变。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ProfilesPage</name>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="79" />
            <source>Import profiles</source>
            <translation>导入配置</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="81" />
            <source>Profiles and manifests (*.json *.yaml *.yml *.txt)</source>
            <translation>配置和清单 (*.json *.yaml *.yml *.txt)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="68" />
            <location filename="../qml/ProfilesPage.qml" line="82" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="107" />
            <location filename="../qml/ProfilesPage.qml" line="197" />
            <source>New profile</source>
            <translation>新建配置</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="115" />
            <location filename="../qml/ProfilesPage.qml" line="116" />
            <source>Profile name</source>
            <translation>配置名称</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="137" />
            <source>Routeless profile (JSON)</source>
            <translation>Routeless 配置 (JSON)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="137" />
            <source>NoRouter manifest (YAML)</source>
            <translation>NoRouter 清单 (YAML)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="137" />
            <source>NodePass URLs (one per line)</source>
            <translation>NodePass URL（每行一个）</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="142" />
            <source>Include keys and API secrets</source>
            <translation>包含密钥和 API 机密</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="147" />
            <source>Include local paths (state directories, certificates)</source>
            <translation>包含本地路径（状态目录、证书）</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="155" />
            <source>Leave both unchecked to share a profile safely.</source>
            <translation>两项都不勾选即可安全地分享配置。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="160" />
            <source>Save to file…</source>
            <translation>保存到文件…</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="165" />
            <source>Copy to clipboard</source>
            <translation>复制到剪贴板</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="207" />
            <source>Import file…</source>
            <translation>导入文件…</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="212" />
            <source>Import from clipboard</source>
            <translation>从剪贴板导入</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="237" />
            <location filename="../qml/ProfilesPage.qml" line="249" />
            <source>Saved profiles</source>
            <translation>已保存的配置</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="238" />
            <source>Stored in %1</source>
            <translation>保存在 %1</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="303" />
            <source>Default</source>
            <translation>默认</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="320" />
            <source>Disconnect</source>
            <translation>断开</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="320" />
            <source>Connect</source>
            <translation>连接</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="341" />
            <source>Rename</source>
            <translation>重命名</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="350" />
            <source>Duplicate</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="362" />
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="47" />
            <location filename="../qml/ProfilesPage.qml" line="367" />
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="16" />
            <source>Profiles</source>
            <translation>配置</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="45" />
            <source>Delete profile %1?</source>
            <translation>删除配置 %1？</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="46" />
            <source>Its hosts, tunnels and masters go with it; if it is connected, it is disconnected first. You can undo this.</source>
            <translation>其主机、隧道和主控将一并删除；若已连接，会先断开。此操作可以撤销。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="49" />
            <source>Deleted %1.</source>
            <translation>已删除 %1。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="51" />
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="56" />
            <source>Restore the previous version of %1?</source>
            <translation>恢复 %1 的上一个版本？</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="57" />
            <source>The profile goes back to how it was before its last change; the current version is kept, so doing this again swaps them back.</source>
            <translation>配置将恢复到上次更改之前的状态；当前版本会被保留，再执行一次即可换回。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="58" />
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="60" />
            <source>%1 is back to its previous version.</source>
            <translation>%1 已恢复到上一个版本。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="67" />
            <source>Routeless profiles (*.json)</source>
            <translation>Routeless 配置 (*.json)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="67" />
            <source>NoRouter manifests (*.yaml *.yml)</source>
            <translation>NoRouter 清单 (*.yaml *.yml)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="68" />
            <source>Text files (*.txt)</source>
            <translation>文本文件 (*.txt)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="82" />
            <source>QR code images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
            <translation>二维码图片 (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="94" />
            <location filename="../qml/ProfilesPage.qml" line="126" />
            <source>Export "%1"</source>
            <translation>导出“%1”</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="99" />
            <source>Exported %1.</source>
            <translation>已导出 %1。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="106" />
            <location filename="../qml/ProfilesPage.qml" line="342" />
            <source>Rename profile %1</source>
            <translation>重命名配置 %1</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="138" />
            <source>Format</source>
            <translation>格式</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="170" />
            <source>Copied %1 to the clipboard.</source>
            <translation>已将 %1 复制到剪贴板。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="218" />
            <source>or drop a file or links here</source>
            <translation>或将文件或链接拖放到这里</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="230" />
            <source>%1 is back.</source>
            <translation>%1 已恢复。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="267" />
            <source>Profile %1, %2</source>
            <translation>配置 %1，%2</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="321" />
            <source>Disconnect %1</source>
            <translation>断开 %1</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="322" />
            <source>Connect %1</source>
            <translation>连接 %1</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="332" />
            <source>Actions for profile %1</source>
            <translation>配置 %1 的操作</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="335" />
            <source>Make default</source>
            <translation>设为默认</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="336" />
            <source>Make %1 the default profile</source>
            <translation>将 %1 设为默认配置</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="351" />
            <source>Duplicate profile %1</source>
            <translation>复制配置 %1</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="353" />
            <source>Duplicated %1.</source>
            <translation>已复制 %1。</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="356" />
            <source>Restore previous</source>
            <translation>恢复上一版本</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="357" />
            <source>Restore the previous version of profile %1</source>
            <translation>恢复配置 %1 的上一个版本</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="363" />
            <source>Export profile %1</source>
            <translation>导出配置 %1</translation>
        </message>
        <message>
            <location filename="../qml/ProfilesPage.qml" line="368" />
            <source>Delete profile %1</source>
            <translation>删除配置 %1</translation>
        </message>
    </context>
    <context>
        <name>QmlModuleCheck</name>
        <message>
            <location filename="../app/desktop/qmlmodulecheck.cpp" line="14" />
            <source>every screen</source>
            <translation>所有界面</translation>
        </message>
        <message>
            <location filename="../app/desktop/qmlmodulecheck.cpp" line="15" />
            <source>the file dialogs</source>
            <translation>文件对话框</translation>
        </message>
        <message>
            <location filename="../app/desktop/qmlmodulecheck.cpp" line="66" />
            <source>%1 (package %2), needed by %3</source>
            <translation>%1（软件包 %2），%3 需要</translation>
        </message>
        <message>
            <location filename="../app/desktop/qmlmodulecheck.cpp" line="70" />
            <source>Routeless cannot start: these Qt QML modules are not installed:
  %1
On Debian or Ubuntu, install them with:
  sudo apt install %2</source>
            <translation>Routeless 无法启动：以下 Qt QML 模块未安装：
  %1
在 Debian 或 Ubuntu 上可用以下命令安装：
  sudo apt install %2</translation>
        </message>
    </context>
    <context>
        <name>QrDecode</name>
        <message>
            <location filename="../app/desktop/qrdecode_none.cpp" line="12" />
            <source>This build of Routeless cannot read QR codes.</source>
            <translation>此版本的 Routeless 无法读取二维码。</translation>
        </message>
        <message>
            <location filename="../app/desktop/qrdecode_zbar.cpp" line="35" />
            <source>The file is not an image this app can read.</source>
            <translation>该文件不是本应用能读取的图片。</translation>
        </message>
        <message>
            <location filename="../app/desktop/qrdecode_zbar.cpp" line="38" />
            <source>The image is too large to look for a QR code in.</source>
            <translation>图片太大，无法在其中查找二维码。</translation>
        </message>
        <message>
            <location filename="../app/desktop/qrdecode_zbar.cpp" line="54" />
            <location filename="../app/desktop/qrdecode_zbar.cpp" line="59" />
            <source>No QR code was found in the image.</source>
            <translation>图片中未找到二维码。</translation>
        </message>
    </context>
    <context>
        <name>RowActions</name>
        <message>
            <location filename="../qml/RowActions.qml" line="14" />
            <source>More actions</source>
            <translation>更多操作</translation>
        </message>
    </context>
    <context>
        <name>SaveFileDialog</name>
        <message>
            <location filename="../qml/SaveFileDialog.qml" line="27" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../qml/SaveFileDialog.qml" line="46" />
            <source>Replace file?</source>
            <translation>替换文件？</translation>
        </message>
        <message>
            <location filename="../qml/SaveFileDialog.qml" line="52" />
            <source>%1 already exists. Replace it?</source>
            <translation>%1 已存在。要替换吗？</translation>
        </message>
        <message>
            <location filename="../qml/SaveFileDialog.qml" line="54" />
            <source>Replace</source>
            <translation>替换</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../qml/SettingsPage.qml" line="30" />
            <source>Start Routeless when I log in</source>
            <translation>登录时启动 Routeless</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="35" />
            <source>Start minimized to the tray</source>
            <translation>启动时最小化到托盘</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="48" />
            <source>Connect the last used profile on start</source>
            <translation>启动时连接上次使用的配置</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="58" />
            <source>No system tray was found, so closing the window quits Routeless.</source>
            <translation>未找到系统托盘，因此关闭窗口将退出 Routeless。</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="64" />
            <source>Appearance</source>
            <translation>外观</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="69" />
            <location filename="../qml/SettingsPage.qml" line="77" />
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="86" />
            <location filename="../qml/SettingsPage.qml" line="93" />
            <source>Theme</source>
            <translation>主题</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="92" />
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="92" />
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="106" />
            <source>Control</source>
            <translation>控制</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="107" />
            <source>Scripts and the command line drive the same engine: routeless-node ctl status</source>
            <translation>脚本和命令行驱动同一个引擎：routeless-node ctl status</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="119" />
            <source>Start the daemon's node</source>
            <translation>启动守护进程的节点</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="124" />
            <source>Stop the daemon's node</source>
            <translation>停止守护进程的节点</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="133" />
            <source>About</source>
            <translation>关于</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="135" />
            <source>Routeless %1</source>
            <translation>Routeless %1</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="140" />
            <source>Settings and profiles: %1</source>
            <translation>设置和配置：%1</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="147" />
            <source>Agent: %1</source>
            <translation>代理程序：%1</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="13" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="28" />
            <source>Start and close</source>
            <translation>启动与关闭</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="42" />
            <source>Closing the window keeps Routeless running in the tray</source>
            <translation>关闭窗口后 Routeless 继续在托盘中运行</translation>
        </message>
        <message>
            <location filename="../qml/SettingsPage.qml" line="76" />
            <location filename="../qml/SettingsPage.qml" line="92" />
            <source>Follow the system</source>
            <translation>跟随系统</translation>
        </message>
    </context>
    <context>
        <name>ShareDialog</name>
        <message>
            <location filename="../qml/ShareDialog.qml" line="20" />
            <source>Share tunnel %1</source>
            <translation>分享隧道 %1</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="34" />
            <source>Include the key (whoever gets it can use the tunnel)</source>
            <translation>包含密钥（获得者即可使用此隧道）</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="43" />
            <source>Tunnel URL</source>
            <translation>隧道 URL</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="47" />
            <source>Copy URL</source>
            <translation>复制 URL</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="62" />
            <source>QR code of the tunnel URL</source>
            <translation>隧道 URL 的二维码</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="67" />
            <source>This build has no QR codes (libqrencode was not found).</source>
            <translation>此版本不支持二维码（未找到 libqrencode）。</translation>
        </message>
        <message>
            <location filename="../qml/ShareDialog.qml" line="74" />
            <source>Without the key, give it to the other side another way; they enter it in the tunnel's Key field.</source>
            <translation>不含密钥时，请通过其他方式把密钥交给对方；对方将其填入隧道的“密钥”字段。</translation>
        </message>
    </context>
    <context>
        <name>SpeedTestCard</name>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="20" />
            <source>Speed test</source>
            <translation>测速</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="25" />
            <source>Run again</source>
            <translation>再次运行</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="26" />
            <source>Run the speed test from %1 to %2 again</source>
            <translation>再次运行从 %1 到 %2 的测速</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="32" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="33" />
            <source>Close the speed test result</source>
            <translation>关闭测速结果</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="44" />
            <source>Speed test running</source>
            <translation>正在测速</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="69" />
            <source>Latency</source>
            <translation>延迟</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="70" />
            <location filename="../qml/SpeedTestCard.qml" line="71" />
            <source>%1 → %2</source>
            <translation>%1 → %2</translation>
        </message>
        <message>
            <location filename="../qml/SpeedTestCard.qml" line="72" />
            <source>Path</source>
            <translation>路径</translation>
        </message>
    </context>
    <context>
        <name>SpeedTestView</name>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="11" />
            <source>Testing %1 → %2: connects, then %3 s each way…</source>
            <translation>正在测试 %1 → %2：先建立连接，再每个方向各 %3 秒…</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="29" />
            <source>Speed test %1 → %2 failed: %3</source>
            <translation>测速 %1 → %2 失败：%3</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="33" />
            <source>Speed test %1 → %2</source>
            <translation>测速 %1 → %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="35" />
            <source>%1 (min %2, max %3, %4 connects)</source>
            <translation>%1（最小 %2，最大 %3，%4 次连接）</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="44" />
            <source>%1 Gbit/s</source>
            <translation>%1 Gbit/s</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="45" />
            <source>%1 Mbit/s</source>
            <translation>%1 Mbit/s</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="46" />
            <source>%1 kbit/s</source>
            <translation>%1 kbit/s</translation>
        </message>
        <message>
            <location filename="../app/desktop/speedtestview.cpp" line="50" />
            <location filename="../app/desktop/speedtestview.cpp" line="51" />
            <source>%1 ms</source>
            <translation>%1 毫秒</translation>
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
            <location filename="../qml/TunnelDialog.qml" line="70" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="75" />
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
            <location filename="../qml/TunnelDialog.qml" line="106" />
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="105" />
            <source>Device link (serves the clients an M-PROXY relay announces)</source>
            <translation>设备链路（服务 M-PROXY 中继转来的客户端）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="112" />
            <location filename="../qml/TunnelDialog.qml" line="122" />
            <source>Key</source>
            <translation>密钥</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="112" />
            <source>Token</source>
            <translation>令牌</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="120" />
            <source>the relay's device token</source>
            <translation>中继的设备令牌</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="133" />
            <source>Relay</source>
            <translation>中继</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="158" />
            <location filename="../qml/TunnelDialog.qml" line="166" />
            <source>Device name</source>
            <translation>设备名称</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="169" />
            <source>Targets</source>
            <translation>目标</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="176" />
            <source>KEY=HOST:PORT, e.g. app.example.com=127.0.0.1:8080 *=127.0.0.1:80</source>
            <translation>KEY=HOST:PORT，例如 app.example.com=127.0.0.1:8080 *=127.0.0.1:80</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="169" />
            <source>Target</source>
            <translation>目标</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="183" />
            <location filename="../qml/TunnelDialog.qml" line="194" />
            <source>TLS</source>
            <translation>TLS</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="192" />
            <source>ws:// (plain)</source>
            <translation>ws://（明文）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="192" />
            <source>wss:// (TLS)</source>
            <translation>wss://（TLS）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="193" />
            <source>0: none</source>
            <translation>0：无</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="193" />
            <source>1: self-signed</source>
            <translation>1：自签名</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="193" />
            <source>2: certificate</source>
            <translation>2：证书</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="242" />
            <source>Log</source>
            <translation>日志</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="254" />
            <source>Pool min</source>
            <translation>连接池最小</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="304" />
            <source>Start with the profile</source>
            <translation>随配置启动</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="17" />
            <source>Edit tunnel %1</source>
            <translation>编辑隧道 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="76" />
            <source>Tunnel name</source>
            <translation>隧道名称</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="83" />
            <source>Edit with the form</source>
            <translation>用表单编辑</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="84" />
            <source>Edit the URL</source>
            <translation>编辑 URL</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="103" />
            <source>Server (the side with the public address)</source>
            <translation>服务端（具有公网地址的一端）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="104" />
            <source>Client (reaches a server)</source>
            <translation>客户端（连接服务端）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="121" />
            <source>shared secret; empty: derived from the port (anyone can connect)</source>
            <translation>共享密钥；留空：由端口派生（任何人都可连接）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="122" />
            <source>Device token</source>
            <translation>设备令牌</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="130" />
            <source>Show the key</source>
            <translation>显示密钥</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="134" />
            <source>Listen on</source>
            <translation>监听地址</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="134" />
            <source>Server</source>
            <translation>服务端</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="141" />
            <source>Relay host</source>
            <translation>中继主机</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="142" />
            <source>Address the server listens on for the client</source>
            <translation>服务端为客户端监听的地址</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="143" />
            <source>Server address</source>
            <translation>服务端地址</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="154" />
            <source>Tunnel port</source>
            <translation>隧道端口</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="177" />
            <source>HOST:PORT, more separated by commas</source>
            <translation>HOST:PORT，多个以逗号分隔</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="178" />
            <source>Target addresses</source>
            <translation>目标地址</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="197" />
            <location filename="../qml/TunnelDialog.qml" line="206" />
            <source>Mode</source>
            <translation>模式</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="204" />
            <location filename="../qml/TunnelDialog.qml" line="205" />
            <source>Auto</source>
            <translation>自动</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="204" />
            <source>Users come to the server</source>
            <translation>用户连接到服务端</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="204" />
            <source>Users come to the client</source>
            <translation>用户连接到客户端</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="205" />
            <source>Forwarder (no server)</source>
            <translation>转发器（无服务端）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="205" />
            <source>Tunnel client</source>
            <translation>隧道客户端</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="210" />
            <source>Transport</source>
            <translation>传输</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="217" />
            <source>TCP</source>
            <translation>TCP</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="217" />
            <source>QUIC (needs TLS)</source>
            <translation>QUIC（需要 TLS）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="217" />
            <source>WebSocket</source>
            <translation>WebSocket</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="217" />
            <source>HTTP/2 (needs TLS)</source>
            <translation>HTTP/2（需要 TLS）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="218" />
            <source>Pool transport</source>
            <translation>连接池传输</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="221" />
            <source>PROXY header</source>
            <translation>PROXY 头</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="228" />
            <source>None</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="228" />
            <source>v1 (text)</source>
            <translation>v1（文本）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="228" />
            <source>v2 (binary)</source>
            <translation>v2（二进制）</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="229" />
            <source>PROXY protocol header sent to the target</source>
            <translation>发送给目标的 PROXY 协议头</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="250" />
            <source>Log level</source>
            <translation>日志级别</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="254" />
            <source>Pool max</source>
            <translation>连接池上限</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="263" />
            <source>Largest pool of connections</source>
            <translation>连接池最大值</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="264" />
            <source>Smallest pool of connections</source>
            <translation>连接池最小值</translation>
        </message>
        <message>
            <location filename="../qml/TunnelDialog.qml" line="278" />
            <source>Tunnel URL</source>
            <translation>隧道 URL</translation>
        </message>
    </context>
    <context>
        <name>TunnelSides</name>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="17" />
            <source>TCP</source>
            <translation>TCP</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="19" />
            <source>QUIC</source>
            <translation>QUIC</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="21" />
            <source>WebSocket</source>
            <translation>WebSocket</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="23" />
            <source>HTTP/2</source>
            <translation>HTTP/2</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="32" />
            <source>Device link</source>
            <translation>设备链路</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="41" />
            <source>Listens on nothing here: the relay's listeners take the clients</source>
            <translation>此处不监听：由中继的监听器接收客户端</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="42" />
            <source>Connects to the relay %1:%2, then to %3 for each client</source>
            <translation>连接中继 %1:%2，再为每个客户端连接 %3</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="56" />
            <source>transport from the server</source>
            <translation>传输方式由服务器决定</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="57" />
            <source>PROXY v%1</source>
            <translation>PROXY v%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="59" />
            <source>Server</source>
            <translation>服务端</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="62" />
            <source>Listens on %1 for the client and on %2 for users</source>
            <translation>在 %1 上为客户端监听，在 %2 上为用户监听</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="63" />
            <source>Connects to nothing: the client connects to its target</source>
            <translation>不发起连接：由客户端连接其目标</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="66" />
            <source>Listens on %1 for the client</source>
            <translation>在 %1 上为客户端监听</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="67" />
            <source>Connects to %1 for the client's users</source>
            <translation>为客户端的用户连接 %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="70" />
            <source>Listens on %1 for the client, and on %2 for users if that address is free here</source>
            <translation>在 %1 上为客户端监听；若 %2 在本机空闲，则在其上为用户监听</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="73" />
            <source>Otherwise connects to %1 for the client's users</source>
            <translation>否则为客户端的用户连接 %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="76" />
            <source>Client</source>
            <translation>客户端</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="79" />
            <source>Listens on %1 for users (no server: a plain forwarder)</source>
            <translation>在 %1 上为用户监听（无服务端：普通转发器）</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="80" />
            <source>Connects to %1</source>
            <translation>连接 %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="84" />
            <source>Listens on %1 for users when the server connects to its target</source>
            <translation>当服务端连接其目标时，在 %1 上为用户监听</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="85" />
            <source>Connects to the server at %1; connects to %2 when the server listens for users</source>
            <translation>连接位于 %1 的服务端；当服务端为用户监听时连接 %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="90" />
            <source>Listens on %1 for users if that address is free here (then no server is needed)</source>
            <translation>若 %1 在本机空闲，则在其上为用户监听（此时无需服务端）</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelsides.cpp" line="93" />
            <source>Otherwise connects to the server at %1; %2 is this side's target</source>
            <translation>否则连接位于 %1 的服务端；%2 是本端的目标</translation>
        </message>
    </context>
    <context>
        <name>TunnelsPage</name>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="101" />
            <source>%1 of %2 running</source>
            <translation>%2 个中 %1 个正在运行</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="105" />
            <source>Add tunnel</source>
            <translation>添加隧道</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="127" />
            <source>No tunnels in this profile</source>
            <translation>此配置中没有隧道</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="16" />
            <location filename="../qml/TunnelsPage.qml" line="100" />
            <source>Tunnels</source>
            <translation>隧道</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="138" />
            <source>Add a NodePass server or client, or a device link to an M-PROXY relay, with the form; or import NodePass URLs, np:// links or a NodePassDash backup on the Profiles screen.</source>
            <translation>用表单添加 NodePass 服务端或客户端，或连接 M-PROXY 中继的设备链路；也可以在“配置文件”页面导入 NodePass URL、np:// 链接或 NodePassDash 备份。</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="221" />
            <location filename="../qml/TunnelsPage.qml" line="378" />
            <source>Start</source>
            <translation>启动</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="221" />
            <location filename="../qml/TunnelsPage.qml" line="383" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="228" />
            <location filename="../qml/TunnelsPage.qml" line="388" />
            <source>Restart</source>
            <translation>重启</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="234" />
            <source>Ping</source>
            <translation>Ping</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="244" />
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="74" />
            <location filename="../qml/TunnelsPage.qml" line="249" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="284" />
            <source>Ping %1</source>
            <translation>Ping %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="285" />
            <source>Pool %1</source>
            <translation>连接池 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="286" />
            <source>TCP %1 · UDP %2</source>
            <translation>TCP %1 · UDP %2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="287" />
            <source>Clients %1</source>
            <translation>客户端 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="288" />
            <source>↓ %1 ↑ %2</source>
            <translation>↓ %1 ↑ %2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="289" />
            <source>Restarts %1 · up %2</source>
            <translation>重启 %1 次 · 已运行 %2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="313" />
            <source>NodePass masters</source>
            <translation>NodePass 主控</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="314" />
            <source>Instances on the masters of this profile, kept in sync while it is shown</source>
            <translation>此配置文件的主控上的实例，显示期间保持同步</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="408" />
            <source>Ping %1 · Pool %2 · TCP/UDP %3 · ↓ %4 ↑ %5</source>
            <translation>延迟 %1 · 连接池 %2 · TCP/UDP %3 · ↓ %4 ↑ %5</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="64" />
            <source>Disconnect %1?</source>
            <translation>断开 %1？</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="65" />
            <source>Tunnel %1 belongs to %2, which is not connected. Starting it connects %2 and disconnects %3, with its tunnels and hosts.</source>
            <translation>隧道 %1 属于未连接的 %2。启动它会连接 %2，并断开 %3 及其隧道和主机。</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="67" />
            <source>Connect %1</source>
            <translation>连接 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="72" />
            <source>Remove tunnel %1?</source>
            <translation>移除隧道 %1？</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="73" />
            <source>The tunnel leaves the profile and stops if it runs; the other tunnels keep running. You can undo this.</source>
            <translation>该隧道将从配置中移除，若正在运行则停止；其他隧道继续运行。此操作可以撤销。</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="77" />
            <source>Removed tunnel %1.</source>
            <translation>已移除隧道 %1。</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="89" />
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="94" />
            <source>Tunnel %1 is back.</source>
            <translation>隧道 %1 已恢复。</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="112" />
            <source>Test all</source>
            <translation>全部测试</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="113" />
            <source>Test every tunnel</source>
            <translation>测试所有隧道</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="179" />
            <source>Tunnel %1, %2, %3</source>
            <translation>隧道 %1，%2，%3</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="218" />
            <source>Actions for tunnel %1</source>
            <translation>隧道 %1 的操作</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="222" />
            <source>Stop tunnel %1</source>
            <translation>停止隧道 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="223" />
            <source>Start tunnel %1</source>
            <translation>启动隧道 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="229" />
            <source>Restart tunnel %1</source>
            <translation>重启隧道 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="235" />
            <source>Ping the target of tunnel %1</source>
            <translation>Ping 隧道 %1 的目标</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="239" />
            <source>Share</source>
            <translation>分享</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="240" />
            <source>Share tunnel %1</source>
            <translation>分享隧道 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="38" />
            <location filename="../qml/TunnelsPage.qml" line="245" />
            <source>Edit tunnel %1</source>
            <translation>编辑隧道 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="250" />
            <source>Remove tunnel %1</source>
            <translation>移除隧道 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="342" />
            <source>Master %1, %2</source>
            <translation>主控 %1，%2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="342" />
            <source>Instance %1, %2</source>
            <translation>实例 %1，%2</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="375" />
            <source>Actions for instance %1</source>
            <translation>实例 %1 的操作</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="379" />
            <source>Start instance %1</source>
            <translation>启动实例 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="384" />
            <source>Stop instance %1</source>
            <translation>停止实例 %1</translation>
        </message>
        <message>
            <location filename="../qml/TunnelsPage.qml" line="389" />
            <source>Restart instance %1</source>
            <translation>重启实例 %1</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ActivityMenuSection</name>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="195" />
            <source>Tunnel %1: %2</source>
            <translation>隧道 %1：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="176" />
            <source>Forward %1:%2 → %3:%4 on %5</source>
            <translation>转发 %1:%2 → %3:%4（在 %5 上）</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="185" />
            <source>HTTP proxy of %1 on %2</source>
            <translation>%1 的 HTTP 代理，位于 %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="188" />
            <source>SOCKS proxy of %1 on %2</source>
            <translation>%1 的 SOCKS 代理，位于 %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="198" />
            <location filename="../app/desktop/trayicon.cpp" line="211" />
            <source>Start</source>
            <translation>启动</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="201" />
            <location filename="../app/desktop/trayicon.cpp" line="215" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="208" />
            <source>%1 (stopped)</source>
            <translation>%1（已停止）</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="219" />
            <source>Copy address %1</source>
            <translation>复制地址 %1</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::App</name>
        <message>
            <location filename="../app/desktop/app.cpp" line="94" />
            <source>The UI protocol is off.</source>
            <translation>UI 协议已关闭。</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ConnectionController</name>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="97" />
            <source>Disconnected</source>
            <translation>已断开</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="99" />
            <source>Connecting</source>
            <translation>正在连接</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="101" />
            <source>Connected</source>
            <translation>已连接</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="103" />
            <source>Problem</source>
            <translation>有问题</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="273" />
            <source>the mesh is not running</source>
            <translation>网格未运行</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="318" />
            <location filename="../app/desktop/connectioncontroller.cpp" line="320" />
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="329" />
            <source>tunnel %1: %2</source>
            <translation>隧道 %1：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="337" />
            <source>%1 of %2 hosts ready</source>
            <translation>%2 个主机中 %1 个就绪</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="344" />
            <source>still not ready after %1 s</source>
            <translation>%1 秒后仍未就绪</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="373" />
            <source>Disconnected. Nothing is running.</source>
            <translation>已断开。没有任何内容在运行。</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="376" />
            <source>"%1" is still connecting.</source>
            <translation>“%1”仍在连接。</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="379" />
            <source>"%1" is connected: %2 of %3 hosts ready.</source>
            <translation>“%1”已连接：%3 个主机中 %2 个就绪。</translation>
        </message>
        <message>
            <location filename="../app/desktop/connectioncontroller.cpp" line="385" />
            <source>"%1" has a problem: %2</source>
            <translation>“%1”出现问题：%2</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ControlHost</name>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="25" />
            <source>Serving the UI protocol on 127.0.0.1:%1; UIs attached: %2</source>
            <translation>在 127.0.0.1:%1 提供 UI 协议；已连接的 UI：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="58" />
            <source>The UI protocol is off (--ui-port 0).</source>
            <translation>UI 协议已关闭（--ui-port 0）。</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="94" />
            <source>Looking for a daemon on 127.0.0.1:%1…</source>
            <translation>正在 127.0.0.1:%1 上查找守护进程…</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="66" />
            <location filename="../app/desktop/controlhost.cpp" line="124" />
            <source>The UI protocol is off: %1</source>
            <translation>UI 协议已关闭：%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="139" />
            <source>Attached to the daemon on 127.0.0.1:%1</source>
            <translation>已连接到 127.0.0.1:%1 上的守护进程</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="169" />
            <source>Attached to the daemon on 127.0.0.1:%1; its node runs on port %2 (mesh %3, %4 of %5 tunnels running)</source>
            <translation>已连接到 127.0.0.1:%1 上的守护进程；其节点运行在端口 %2（网格%3，%5 个隧道中 %4 个在运行）</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="173" />
            <source>running</source>
            <translation>运行中</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="173" />
            <source>stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <location filename="../app/desktop/controlhost.cpp" line="178" />
            <source>Attached to the daemon on 127.0.0.1:%1; its node is not running</source>
            <translation>已连接到 127.0.0.1:%1 上的守护进程；其节点未运行</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::HostCheck</name>
        <message>
            <location filename="../app/desktop/hostcheck.cpp" line="24" />
            <source>No answer within %1 s: the host may be unreachable, or the command waits for a password (the app cannot type one).</source>
            <translation>%1 秒内没有响应：主机可能不可达，或命令在等待密码（应用无法输入密码）。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostcheck.cpp" line="33" />
            <source>%1 cannot be started here: %2. Install it or give its full path.</source>
            <translation>无法在此启动 %1：%2。请安装它或给出其完整路径。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostcheck.cpp" line="54" />
            <source>The command works and the agent answers: %1</source>
            <translation>命令可用，代理已响应：%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostcheck.cpp" line="55" />
            <source>The local agent answers: %1</source>
            <translation>本地代理已响应：%1</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::HostModel</name>
        <message>
            <location filename="../app/desktop/hostmodel.cpp" line="14" />
            <source>Stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostmodel.cpp" line="16" />
            <source>Starting</source>
            <translation>正在启动</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostmodel.cpp" line="18" />
            <source>Ready</source>
            <translation>就绪</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostmodel.cpp" line="20" />
            <source>Restarting</source>
            <translation>正在重启</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostmodel.cpp" line="22" />
            <source>Failed</source>
            <translation>失败</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::HostsController</name>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="171" />
            <source>Select or create a profile first.</source>
            <translation>请先选择或创建一个配置。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="180" />
            <source>Command: %1</source>
            <translation>命令：%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="212" />
            <source>No such host.</source>
            <translation>没有此主机。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="229" />
            <source>Nothing to undo.</source>
            <translation>没有可撤销的操作。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="231" />
            <source>The profile of host %1 is gone.</source>
            <translation>主机 %1 所属的配置已不存在。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="236" />
            <source>Host %1 cannot come back: %2</source>
            <translation>主机 %1 无法恢复：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="288" />
            <source>the host you are editing</source>
            <translation>正在编辑的主机</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="85" />
            <source>connect the profile first</source>
            <translation>请先连接此配置</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="194" />
            <source>Port: %1</source>
            <translation>端口：%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="309" />
            <source>No profile is shown.</source>
            <translation>没有显示任何配置。</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="321" />
            <source>Checking…</source>
            <translation>正在检查…</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="342" />
            <source>not connected</source>
            <translation>未连接</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="346" />
            <source>no TCP port to test</source>
            <translation>没有可测试的 TCP 端口</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="349" />
            <source>testing…</source>
            <translation>正在测试…</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="364" />
            <source>unreachable</source>
            <translation>不可达</translation>
        </message>
        <message>
            <location filename="../app/desktop/hostscontroller.cpp" line="364" />
            <source>%1 ms</source>
            <translation>%1 毫秒</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::MasterModel</name>
        <message>
            <location filename="../app/desktop/mastermodel.cpp" line="56" />
            <source>Connecting</source>
            <translation>正在连接</translation>
        </message>
        <message>
            <location filename="../app/desktop/mastermodel.cpp" line="57" />
            <source>Live</source>
            <translation>实时</translation>
        </message>
        <message>
            <location filename="../app/desktop/mastermodel.cpp" line="58" />
            <location filename="../app/desktop/mastermodel.cpp" line="60" />
            <source>Failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <location filename="../app/desktop/mastermodel.cpp" line="59" />
            <source>Running</source>
            <translation>运行中</translation>
        </message>
        <message>
            <location filename="../app/desktop/mastermodel.cpp" line="61" />
            <source>Stopped</source>
            <translation>已停止</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::MeshEngine</name>
        <message>
            <location filename="../app/desktop/meshengine.cpp" line="79" />
            <source>the mesh is shut down</source>
            <translation>网格已关闭</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ProfileImport</name>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="26" />
            <source>address %1 → %2</source>
            <translation>地址 %1 → %2</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="27" />
            <source>command</source>
            <translation>命令</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="28" />
            <source>ports</source>
            <translation>端口</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="29" />
            <source>loopback</source>
            <translation>回环</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="30" />
            <source>settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="137" />
            <source>Cannot read %1: %2</source>
            <translation>无法读取 %1：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="143" />
            <location filename="../app/desktop/profileimport.cpp" line="147" />
            <source>%1 is too large to be a QR code image.</source>
            <translation>%1 太大，不像是二维码图片。</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="150" />
            <source>Nothing was imported from %1: %2</source>
            <translation>未从 %1 导入任何内容：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="154" />
            <source>%1 is too large to be a profile.</source>
            <translation>%1 太大，不可能是配置。</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="161" />
            <source>The clipboard is empty.</source>
            <translation>剪贴板为空。</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="167" />
            <source>Imported</source>
            <translation>已导入</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="170" />
            <location filename="../app/desktop/profileimport.cpp" line="204" />
            <location filename="../app/desktop/profileimport.cpp" line="224" />
            <location filename="../app/desktop/profileimport.cpp" line="233" />
            <source>Nothing was imported. %1</source>
            <translation>未导入任何内容。%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="174" />
            <source>Nothing was imported: %1 holds no profile.</source>
            <translation>未导入任何内容：%1 中没有配置。</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="188" />
            <source>It cannot go into "%1": %2</source>
            <translation>无法导入到“%1”：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="194" />
            <source>Nothing to import.</source>
            <translation>没有可导入的内容。</translation>
        </message>
        <message>
            <location filename="../app/desktop/profileimport.cpp" line="201" />
            <source>No profile is shown to import into.</source>
            <translation>没有显示可导入的目标配置。</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::ProfileMenuSection</name>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="147" />
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
        <name>routeless::desktop::ProfilesController</name>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="85" />
            <location filename="../app/desktop/profilescontroller.cpp" line="106" />
            <source>A profile needs a name.</source>
            <translation>配置需要一个名称。</translation>
        </message>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="96" />
            <location filename="../app/desktop/profilescontroller.cpp" line="105" />
            <location filename="../app/desktop/profilescontroller.cpp" line="114" />
            <location filename="../app/desktop/profilescontroller.cpp" line="148" />
            <location filename="../app/desktop/profilescontroller.cpp" line="174" />
            <source>No such profile.</source>
            <translation>没有此配置。</translation>
        </message>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="98" />
            <source>%1 copy</source>
            <translation>%1 副本</translation>
        </message>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="129" />
            <source>Nothing to undo.</source>
            <translation>没有可撤销的操作。</translation>
        </message>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="150" />
            <source>No earlier version to restore: %1</source>
            <translation>没有可恢复的早期版本：%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/profilescontroller.cpp" line="180" />
            <source>Cannot write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::TrayIcon</name>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="106" />
            <source>Routeless: %1</source>
            <translation>Routeless：%1</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="107" />
            <source>Routeless: %1 (%2)</source>
            <translation>Routeless：%1（%2）</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="119" />
            <source>Routeless — %1</source>
            <translation>Routeless — %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="134" />
            <source>Show window</source>
            <translation>显示窗口</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="137" />
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="125" />
            <source>Disconnect %1</source>
            <translation>断开 %1</translation>
        </message>
        <message>
            <location filename="../app/desktop/trayicon.cpp" line="131" />
            <source>Open Logs</source>
            <translation>打开日志</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::TunnelForm</name>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="71" />
            <source>%1 runs inside TLS, so TLS is set to 1 (self-signed certificate), as NodePass does.</source>
            <translation>%1 运行在 TLS 之内，因此 TLS 设为 1（自签名证书），与 NodePass 一致。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="152" />
            <source>The tunnel port must be 1-65535.</source>
            <translation>隧道端口必须在 1-65535 之间。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="155" />
            <source>The key must not contain '@' or '/'.</source>
            <translation>密钥不能包含“@”或“/”。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="164" />
            <source>Target "%1": %2</source>
            <translation>目标“%1”：%2</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="168" />
            <source>Enter the target, e.g. 127.0.0.1:8080.</source>
            <translation>请输入目标，例如 127.0.0.1:8080。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="181" />
            <source>%1 runs inside TLS: choose TLS 1 or 2, or the TCP or WebSocket transport.</source>
            <translation>%1 运行在 TLS 之内：请选择 TLS 1 或 2，或改用 TCP 或 WebSocket 传输。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="188" />
            <source>The pool size must be 1-65536.</source>
            <translation>连接池大小必须为 1-65536。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="201" />
            <source>Enter the relay's host.</source>
            <translation>请输入中继主机。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="203" />
            <source>The relay port must be 1-65535.</source>
            <translation>中继端口必须为 1-65535。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="210" />
            <source>A device link needs the relay's token.</source>
            <translation>设备链路需要中继的令牌。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="214" />
            <source>The device name is 1-64 letters, digits, '.', '_' or '-'.</source>
            <translation>设备名称为 1-64 个字母、数字、'.'、'_' 或 '-'。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="224" />
            <source>Add at least one target, e.g. *=127.0.0.1:8080</source>
            <translation>请至少添加一个目标，例如 *=127.0.0.1:8080</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelform.cpp" line="273" />
            <source>A tunnel URL starts with server://, client:// or device://</source>
            <translation>隧道 URL 以 server://、client:// 或 device:// 开头</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::TunnelModel</name>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="124" />
            <source>unreachable</source>
            <translation>不可达</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="35" />
            <source>Stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="37" />
            <source>Starting</source>
            <translation>正在启动</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="39" />
            <source>Waiting</source>
            <translation>等待中</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="41" />
            <source>Running</source>
            <translation>运行中</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="43" />
            <source>Restarting</source>
            <translation>正在重启</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelmodel.cpp" line="45" />
            <source>Failed</source>
            <translation>失败</translation>
        </message>
    </context>
    <context>
        <name>routeless::desktop::TunnelsController</name>
        <message>
            <location filename="../app/desktop/tunnelscontroller.cpp" line="46" />
            <source>Select or create a profile first.</source>
            <translation>请先选择或创建一个配置。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelscontroller.cpp" line="68" />
            <source>No such tunnel.</source>
            <translation>没有此隧道。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelscontroller.cpp" line="80" />
            <source>Nothing to undo.</source>
            <translation>没有可撤销的操作。</translation>
        </message>
        <message>
            <location filename="../app/desktop/tunnelscontroller.cpp" line="82" />
            <source>The profile of tunnel %1 is gone.</source>
            <translation>隧道 %1 所属的配置已不存在。</translation>
        </message>
    </context>
</TS>
